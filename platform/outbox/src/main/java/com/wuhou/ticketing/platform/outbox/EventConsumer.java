package com.wuhou.ticketing.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes another service's event stream in a consumer group, at least once, and applies each event
 * exactly once: the handler's changes and a {@code consumed_event} row commit in one local
 * transaction, and an event id seen before is acknowledged without running the handler again. An
 * event is acknowledged only after its transaction committed; one whose handler failed stays pending
 * and is claimed again after {@code claimAfter}. Call {@link #poll()} on a schedule (it blocks up to
 * {@code block}).
 */
public class EventConsumer {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    private final StringRedisTemplate redis;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String stream;
    private final String group;
    private final String consumer;
    private final EventHandler handler;
    private final Duration block;
    private final Duration claimAfter;
    private final Clock clock;
    private volatile boolean groupReady;

    public EventConsumer(
            StringRedisTemplate redis,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            String stream,
            String group,
            String consumer,
            EventHandler handler,
            Duration block,
            Duration claimAfter,
            Clock clock) {
        this.redis = redis;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.stream = stream;
        this.group = group;
        this.consumer = consumer;
        this.handler = handler;
        this.block = block;
        this.claimAfter = claimAfter;
        this.clock = clock;
    }

    public String stream() {
        return stream;
    }

    /**
     * Applies what is new and what another consumer left pending too long.
     *
     * @return how many events were applied (not counting ones seen before)
     */
    public int poll() {
        try {
            return pollOnce();
        } catch (RuntimeException e) {
            if (!saysRedis(e, "NOGROUP")) {
                throw e;
            }
            // Redis lost the group (flushed or failed over empty): make it again and read from the start.
            log.warn("Consumer group {} of {} is gone; creating it again", group, stream);
            groupReady = false;
            return pollOnce();
        }
    }

    private int pollOnce() {
        ensureGroup();
        int applied = 0;
        for (MapRecord<String, Object, Object> record : claimStale()) {
            applied += apply(record);
        }
        List<MapRecord<String, Object, Object>> fresh = redis.opsForStream()
                .read(
                        Consumer.from(group, consumer),
                        StreamReadOptions.empty().count(100).block(block),
                        StreamOffset.create(stream, ReadOffset.lastConsumed()));
        if (fresh != null) {
            for (MapRecord<String, Object, Object> record : fresh) {
                applied += apply(record);
            }
        }
        return applied;
    }

    private int apply(MapRecord<String, Object, Object> record) {
        StreamEvent event = StreamEvent.parse(record.getValue());
        if (event == null) {
            log.warn("Skipping malformed entry {} of {}", record.getId(), stream);
            redis.opsForStream().acknowledge(stream, group, record.getId());
            return 0;
        }
        Boolean applied;
        try {
            applied = transactions.execute(status -> {
                try {
                    jdbc.update(
                            "INSERT INTO consumed_event (event_id, stream, event_type, consumed_at) VALUES (?, ?, ?, ?)",
                            event.eventId(),
                            stream,
                            event.type(),
                            LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
                } catch (DuplicateKeyException seen) {
                    return false;
                }
                handler.handle(event);
                return true;
            });
        } catch (RuntimeException e) {
            // Not acknowledged: it stays pending and is claimed again after claimAfter.
            log.warn("Event {} ({}) of {} not applied yet: {}", event.eventId(), event.type(), stream, e.toString());
            return 0;
        }
        redis.opsForStream().acknowledge(stream, group, record.getId());
        return Boolean.TRUE.equals(applied) ? 1 : 0;
    }

    private List<MapRecord<String, Object, Object>> claimStale() {
        PendingMessages pending = redis.opsForStream().pending(stream, group, Range.unbounded(), 100);
        List<RecordId> stale = pending.stream()
                .filter(p -> p.getElapsedTimeSinceLastDelivery().compareTo(claimAfter) >= 0)
                .map(p -> p.getId())
                .toList();
        if (stale.isEmpty()) {
            return List.of();
        }
        return redis.opsForStream().claim(stream, group, consumer, claimAfter, stale.toArray(RecordId[]::new));
    }

    /** Whether Redis answered with this error (client libraries wrap it at different depths). */
    private static boolean saysRedis(Throwable e, String error) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(error)) {
                return true;
            }
        }
        return false;
    }

    private void ensureGroup() {
        if (groupReady) {
            return;
        }
        try {
            // From the start of the stream: a new consumer also learns what happened before it existed.
            redis.execute(
                    connection -> connection
                            .streamCommands()
                            .xGroupCreate(stream.getBytes(StandardCharsets.UTF_8), group, ReadOffset.from("0"), true),
                    true);
        } catch (RuntimeException e) {
            if (!saysRedis(e, "BUSYGROUP")) { // the group exists already: fine
                throw e;
            }
        }
        groupReady = true;
    }
}
