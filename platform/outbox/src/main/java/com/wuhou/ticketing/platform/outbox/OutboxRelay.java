package com.wuhou.ticketing.platform.outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Copies committed outbox events to the Redis stream, oldest first, with the fields {@code eventId},
 * {@code type}, {@code aggregateId}, {@code occurredAt} (ISO-8601 instant) and {@code payload} (JSON).
 *
 * <p>Delivery is at least once: an event is marked relayed after {@code XADD}, in the same local
 * transaction that locked it, so a crash or a failed commit in between sends it again. Consumers must
 * dedupe by {@code eventId}. Rows are locked with {@code FOR UPDATE SKIP LOCKED}, so instances relaying
 * at the same time never send the same row concurrently; order is by row id within one relay run.
 *
 * <p>While Redis is away the rows stay pending and are retried on every run; the failure is logged once
 * per streak, not on every run.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int CLEANUP_BATCH_SIZE = 1000;

    private static final RowMapper<PendingEvent> ROW = (rs, n) -> new PendingEvent(
            rs.getLong("id"),
            rs.getString("event_id"),
            rs.getString("event_type"),
            rs.getString("aggregate_id"),
            rs.getString("payload"),
            rs.getObject("occurred_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final StringRedisTemplate redis;
    private final OutboxProperties properties;
    private final String stream;
    private final Clock clock;
    private final AtomicBoolean failing = new AtomicBoolean();

    OutboxRelay(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            StringRedisTemplate redis,
            OutboxProperties properties,
            String stream,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.redis = redis;
        this.properties = properties;
        this.stream = stream;
        this.clock = clock;
    }

    /** The Redis stream events go to. */
    public String stream() {
        return stream;
    }

    /** Relays every pending event, one batch per local transaction. */
    @Scheduled(fixedDelayString = "${ticketing.outbox.relay-interval:500ms}")
    public void relay() {
        try {
            int relayed;
            do {
                relayed = relayBatch();
            } while (relayed == properties.batchSize());
            if (failing.getAndSet(false)) {
                log.info("Outbox relay to {} works again", stream);
            }
        } catch (RuntimeException e) {
            if (!failing.getAndSet(true)) {
                log.warn("Outbox relay to {} failed; events stay pending and are retried: {}", stream, e.toString());
            } else {
                log.debug("Outbox relay to {} still failing", stream, e);
            }
        }
    }

    /** Relays up to one batch; returns how many events were sent, or throws what stopped it. */
    int relayBatch() {
        RuntimeException[] redisFailure = new RuntimeException[1];
        Integer relayed = transactions.execute(status -> {
            List<PendingEvent> pending = jdbc.query(
                    "SELECT id, event_id, event_type, aggregate_id, payload, occurred_at FROM outbox_event"
                            + " WHERE relayed_at IS NULL AND occurred_at <= ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                    ROW,
                    utc(now().minus(properties.settleDelay())),
                    properties.batchSize());
            List<Long> sent = new ArrayList<>(pending.size());
            for (PendingEvent event : pending) {
                try {
                    send(event);
                } catch (RuntimeException e) {
                    // Keep what was sent (marking it avoids sending it again), leave the rest pending.
                    redisFailure[0] = e;
                    break;
                }
                sent.add(event.id());
            }
            markRelayed(sent);
            return sent.size();
        });
        if (redisFailure[0] != null) {
            throw redisFailure[0];
        }
        return relayed == null ? 0 : relayed;
    }

    private void send(PendingEvent event) {
        Map<String, String> fields = new StreamEvent(
                        event.eventId(), event.type(), event.aggregateId(), event.occurredAt(), event.payload())
                .fields();
        redis.opsForStream()
                .add(
                        StreamRecords.newRecord().in(stream).ofMap(fields),
                        XAddOptions.maxlen(properties.maxLength()).approximateTrimming(true));
    }

    private void markRelayed(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        String placeholders = String.join(",", Collections.nCopies(ids.size(), "?"));
        List<Object> args = new ArrayList<>(ids.size() + 1);
        args.add(utc(now()));
        args.addAll(ids);
        jdbc.update("UPDATE outbox_event SET relayed_at = ? WHERE id IN (" + placeholders + ")", args.toArray());
    }

    /** Deletes relayed events older than the retention; pending ones are never deleted. */
    @Scheduled(
            fixedDelayString = "${ticketing.outbox.cleanup-interval:1h}",
            initialDelayString = "${ticketing.outbox.cleanup-interval:1h}")
    public void purgeRelayed() {
        LocalDateTime cutoff = utc(now().minus(properties.retention()));
        try {
            int deleted;
            do {
                deleted = jdbc.update(
                        "DELETE FROM outbox_event WHERE relayed_at < ? LIMIT ?", cutoff, CLEANUP_BATCH_SIZE);
            } while (deleted == CLEANUP_BATCH_SIZE);
        } catch (DataAccessException e) {
            log.warn("Could not delete relayed outbox events: {}", e.toString());
        }
    }

    /** Events not relayed yet, for the {@code outbox.pending} gauge; NaN while the database is away. */
    double pendingCount() {
        try {
            Long pending =
                    jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE relayed_at IS NULL", Long.class);
            return pending == null ? 0 : pending;
        } catch (DataAccessException e) {
            return Double.NaN;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private record PendingEvent(
            long id, String eventId, String type, String aggregateId, String payload, Instant occurredAt) {}
}
