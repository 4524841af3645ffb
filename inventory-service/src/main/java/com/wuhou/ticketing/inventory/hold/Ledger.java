package com.wuhou.ticketing.inventory.hold;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.conditions.update.UpdateWrapper;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The MySQL side of holds: appended rows, state changes per hold, and what is live on a date. */
@Component
class Ledger {

    private final HoldUnitMapper mapper;
    private final Clock clock;

    Ledger(HoldUnitMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** All places of a hold, in one multi-row insert. */
    void append(List<HoldUnitDO> units) {
        LocalDateTime now = LocalDateTime.now(clock);
        for (HoldUnitDO unit : units) {
            unit.createdAt = now;
            unit.updatedAt = now;
        }
        mapper.insertAll(units);
    }

    /** Deletes the hold's places still held; returns how many. */
    int deleteHeld(String holdRef) {
        return mapper.delete(
                new QueryWrapper<HoldUnitDO>().eq("hold_ref", holdRef).eq("state", HoldUnitDO.HELD));
    }

    /**
     * What an abandonment found and did.
     *
     * @param written whether the hold has ledger rows at all
     * @param sold whether one of them is sold (then nothing was deleted)
     * @param sessionId the rows' session, when written (another than asked: nothing was deleted)
     * @param deleted the ID hashes of the places deleted (those still held)
     */
    record Abandoned(boolean written, boolean sold, Long sessionId, List<String> deleted) {}

    /**
     * Deletes the places still held of a hold that has none sold, under a locking read (a confirmation
     * or an expiry of the same hold waits, then finds nothing to move).
     */
    @Transactional
    Abandoned abandon(String holdRef, long asked) {
        List<HoldUnitDO> rows = mapper.selectList(
                new QueryWrapper<HoldUnitDO>().eq("hold_ref", holdRef).last("FOR UPDATE"));
        if (rows.isEmpty()) {
            return new Abandoned(false, false, null, List.of());
        }
        Long sessionId = rows.get(0).sessionId;
        boolean sold = rows.stream().anyMatch(u -> HoldUnitDO.SOLD.equals(u.state));
        if (sold || sessionId != asked) {
            return new Abandoned(true, sold, sessionId, List.of());
        }
        List<HoldUnitDO> held =
                rows.stream().filter(u -> HoldUnitDO.HELD.equals(u.state)).toList();
        if (!held.isEmpty()) {
            mapper.deleteByIds(held.stream().map(u -> u.id).toList());
        }
        return new Abandoned(
                true, false, sessionId, held.stream().map(u -> u.idHash).toList());
    }

    /**
     * Moves the hold's places that are in one of the {@code from} states to {@code to}: all of them,
     * or those of the given ID hashes. Returns how many moved.
     */
    @Transactional
    int move(String holdRef, List<String> idHashes, String to, String... from) {
        UpdateWrapper<HoldUnitDO> update = new UpdateWrapper<HoldUnitDO>()
                .eq("hold_ref", holdRef)
                .in("state", (Object[]) from)
                .set("state", to)
                .set("updated_at", LocalDateTime.now(clock));
        if (!idHashes.isEmpty()) {
            update.in("id_hash", idHashes);
        }
        return mapper.update(null, update);
    }

    /** Holds with places still held past their expiry, soonest expired first. */
    List<String> expiredHolds(LocalDateTime now, int limit) {
        return mapper
                .selectList(new QueryWrapper<HoldUnitDO>()
                        .select("hold_ref", "MIN(expires_at) AS first_expiry")
                        .eq("state", HoldUnitDO.HELD)
                        .lt("expires_at", now)
                        .groupBy("hold_ref")
                        .orderByAsc("first_expiry")
                        .last("LIMIT " + limit))
                .stream()
                .map(u -> u.holdRef)
                .toList();
    }

    /**
     * Releases the hold's places still held past their expiry and answers them. The locking read
     * serializes with a confirmation of the same places: each place is either sold or expired.
     */
    @Transactional
    List<HoldUnitDO> expire(String holdRef, LocalDateTime now) {
        List<HoldUnitDO> due = mapper.selectList(new QueryWrapper<HoldUnitDO>()
                .eq("hold_ref", holdRef)
                .eq("state", HoldUnitDO.HELD)
                .lt("expires_at", now)
                .last("FOR UPDATE"));
        if (!due.isEmpty()) {
            mapper.update(
                    null,
                    new UpdateWrapper<HoldUnitDO>()
                            .in("id", due.stream().map(u -> u.id).toList())
                            .set("state", HoldUnitDO.RELEASED)
                            .set("updated_at", LocalDateTime.now(clock)));
        }
        return due;
    }

    /**
     * The hold's places under a locking read: inside a global transaction it waits while another
     * global transaction that changed them is still open (Seata's global lock), so what it reads is
     * committed for good, not a change that may still be rolled back.
     */
    List<HoldUnitDO> unitsLocked(String holdRef) {
        return mapper.selectList(new QueryWrapper<HoldUnitDO>()
                .eq("hold_ref", holdRef)
                .orderByAsc("id")
                .last("FOR UPDATE"));
    }

    List<HoldUnitDO> units(String holdRef) {
        return mapper.selectList(
                new QueryWrapper<HoldUnitDO>().eq("hold_ref", holdRef).orderByAsc("id"));
    }

    /** Held and sold places of a date, in insertion order. */
    List<HoldUnitDO> live(LocalDate date) {
        return mapper.selectList(new QueryWrapper<HoldUnitDO>()
                .eq("visit_date", date)
                .in("state", HoldUnitDO.HELD, HoldUnitDO.SOLD)
                .orderByAsc("id"));
    }
}
