package com.wuhou.ticketing.inventory.hold;

import com.wuhou.ticketing.inventory.calendar.CalendarDay;
import com.wuhou.ticketing.inventory.session.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Redis, the admission gate: one script checks every capacity layer and the per-ID limit and takes
 * the places (Spring runs scripts by SHA and loads them once). A sold-out answer never reaches MySQL.
 */
@Component
class CapacityStore {

    /** Outcome of {@link #admit}. */
    enum Admission {
        ADMITTED,
        ALREADY_ADMITTED,
        SOLD_OUT,
        DAILY_LIMIT_REACHED,
        CAPACITY_NOT_LOADED
    }

    /** A reconcile run: the epoch of the date's data it began on, and its number in the order of runs. */
    record Run(String epoch, long number) {}

    /** What {@link #reconcile} did with a run. */
    enum Outcome {
        APPLIED,
        /** A run begun later applied first; this one changed nothing. */
        SUPERSEDED,
        /** Redis lost the date's data since the run began; it changed nothing and must read again. */
        REDIS_LOST
    }

    /** Outcome of {@link #reconcile}, with the holds added to and removed from Redis. */
    record Reconciled(Outcome outcome, long added, long removed) {}

    private static final RedisScript<Long> ADMIT = script("admit.lua", Long.class);
    private static final RedisScript<Long> RELEASE = script("release.lua", Long.class);
    private static final RedisScript<List> BEGIN = script("begin.lua", List.class);
    private static final RedisScript<List> RECONCILE = script("reconcile.lua", List.class);
    private static final RedisScript<Long> RESIZE = script("resize.lua", Long.class);

    private final StringRedisTemplate redis;
    private final Clock clock;

    CapacityStore(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    Admission admit(HoldKeys keys, long sessionId, String holdRef, List<String> idHashes) {
        List<String> args =
                new ArrayList<>(List.of(HoldKeys.sessionField(sessionId), holdRef, Long.toString(clock.millis())));
        args.addAll(idHashes);
        Long result = redis.execute(ADMIT, keys.admission(), args.toArray());
        return switch (result == null ? -99 : result.intValue()) {
            case 1 -> Admission.ADMITTED;
            case 0 -> Admission.ALREADY_ADMITTED;
            case -1 -> Admission.SOLD_OUT;
            case -2 -> Admission.DAILY_LIMIT_REACHED;
            case -3 -> Admission.CAPACITY_NOT_LOADED;
            default -> throw new IllegalStateException("admission script answered " + result);
        };
    }

    /**
     * Gives back a hold's places: those of {@code idHashes}, or all when it is empty. Returns how many
     * (0 when Redis does not know the hold).
     */
    long release(HoldKeys keys, String holdRef, List<String> idHashes) {
        List<String> args = new ArrayList<>(idHashes.size() + 1);
        args.add(holdRef);
        args.addAll(idHashes);
        Long released = redis.execute(
                RELEASE, List.of(keys.used(), keys.ids(), keys.refs(), keys.given(), keys.runs()), args.toArray());
        return released == null ? 0 : released;
    }

    /**
     * Sets a session's capacity at the gate unless more places are taken already.
     *
     * @return -1 when set, otherwise the places taken
     */
    long resize(HoldKeys keys, long sessionId, int capacity) {
        return resize(keys, HoldKeys.sessionField(sessionId), capacity, capacity);
    }

    /**
     * Sets a day's cap at the gate unless more places are taken already; a closed day keeps its cap
     * but admits nobody.
     *
     * @return -1 when set, otherwise the places taken
     */
    long resizeDay(HoldKeys keys, boolean open, int dailyCapacity) {
        return resize(keys, HoldKeys.DAY_FIELD, dailyCapacity, open ? dailyCapacity : 0);
    }

    private long resize(HoldKeys keys, String field, int checked, int stored) {
        Long result = redis.execute(
                RESIZE, List.of(keys.cap(), keys.used()), field, Integer.toString(checked), Integer.toString(stored));
        return result == null ? 0 : result;
    }

    boolean isAdmitted(HoldKeys keys, String holdRef) {
        return redis.opsForHash().hasKey(keys.refs(), holdRef);
    }

    /** Begins a reconcile run of the date; call it before the run reads the ledger. */
    Run beginRun(HoldKeys keys) {
        List<?> result =
                redis.execute(BEGIN, List.of(keys.runs()), UUID.randomUUID().toString());
        return new Run(result.get(0).toString(), Long.parseLong(result.get(1).toString()));
    }

    /**
     * Loads the date's capacities and merges the ledger's live holds, read after {@code run} began, into
     * the counters (reconcile.lua).
     */
    Reconciled reconcile(
            HoldKeys keys, Run run, CalendarDay day, List<Session> sessions, List<HoldUnitDO> live, long graceMillis) {
        Map<String, String> caps = new LinkedHashMap<>();
        caps.put(HoldKeys.DAY_FIELD, Integer.toString(day.open() ? day.dailyCapacity() : 0));
        sessions.forEach(s -> caps.put(HoldKeys.sessionField(s.sessionId()), Integer.toString(s.capacity())));
        List<String> args = new ArrayList<>(List.of(
                Long.toString(run.number()),
                run.epoch(),
                Long.toString(clock.millis()),
                Long.toString(graceMillis),
                Integer.toString(caps.size())));
        caps.forEach((field, capacity) -> {
            args.add(field);
            args.add(capacity);
        });
        Map<String, List<HoldUnitDO>> byRef = new LinkedHashMap<>();
        live.forEach(
                u -> byRef.computeIfAbsent(u.holdRef, r -> new ArrayList<>()).add(u));
        byRef.forEach((ref, units) -> args.add(ref + "|" + HoldKeys.sessionField(units.get(0).sessionId) + "|"
                + String.join(",", units.stream().map(u -> u.idHash).toList())));
        List<String> keyList = List.of(keys.cap(), keys.used(), keys.ids(), keys.refs(), keys.given(), keys.runs());
        @SuppressWarnings("unchecked")
        List<Long> result = redis.execute(RECONCILE, keyList, args.toArray());
        Outcome outcome = switch (result.get(0).intValue()) {
            case 1 -> Outcome.APPLIED;
            case 0 -> Outcome.SUPERSEDED;
            case -1 -> Outcome.REDIS_LOST;
            default -> throw new IllegalStateException("reconcile script answered " + result);
        };
        return new Reconciled(outcome, result.get(1), result.get(2));
    }

    boolean isLoaded(HoldKeys keys) {
        return Boolean.TRUE.equals(redis.hasKey(keys.cap()));
    }

    /** Places taken as Redis counts them: field ({@code day} or a session field) → places. */
    Map<String, Long> used(HoldKeys keys) {
        Map<String, Long> used = new LinkedHashMap<>();
        redis.opsForHash()
                .entries(keys.used())
                .forEach((field, value) -> used.put(field.toString(), Long.parseLong(value.toString())));
        return used;
    }

    /** A script with the shared functions of {@code lib.lua} in front (Redis has no includes). */
    private static <T> RedisScript<T> script(String name, Class<T> type) {
        try {
            String source = new ClassPathResource("scripts/lib.lua").getContentAsString(StandardCharsets.UTF_8)
                    + new ClassPathResource("scripts/" + name).getContentAsString(StandardCharsets.UTF_8);
            return RedisScript.of(source, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script " + name, e);
        }
    }
}
