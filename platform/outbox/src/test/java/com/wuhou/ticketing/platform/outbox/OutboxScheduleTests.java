package com.wuhou.ticketing.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay on its own schedule: committed events reach the stream unprompted, and the stream is trimmed. */
@SpringBootTest(properties = {"ticketing.outbox.relay-interval=100ms", "ticketing.outbox.max-length=10"})
@RealInfrastructure
class OutboxScheduleTests {

    @Autowired
    Outbox outbox;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldRelayCommittedEventWhenScheduleRuns() {
        String eventId = transactions.execute(status -> outbox.append("ThingCreated", "thing-9", Map.of("n", 9)));

        List<Object> relayed = pollForEvent(eventId, Duration.ofSeconds(10));

        assertThat(relayed).containsOnlyOnce(eventId);
    }

    @Test
    void shouldTrimStreamApproximatelyWhenLongerThanMaxLength() {
        transactions.executeWithoutResult(status ->
                IntStream.range(0, 250).forEach(i -> outbox.append("ThingCreated", "trim-" + i, Map.of("n", i))));

        Instant deadline = Instant.now().plusSeconds(10);
        while (pending() > 0 && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }

        assertThat(pending()).isZero();
        // "MAXLEN ~ 10" drops whole stream nodes (100 entries each): fewer than were added, at least 10.
        assertThat(redis.opsForStream().size("events:outbox-tests")).isBetween(10L, 249L);
    }

    private int pending() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE relayed_at IS NULL", Integer.class);
    }

    /** The event ids in the stream, once {@code eventId} is among them or the time is up. */
    private List<Object> pollForEvent(String eventId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<Object> ids = eventIds();
        while (!ids.contains(eventId) && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            ids = eventIds();
        }
        return ids;
    }

    private List<Object> eventIds() {
        return redis.opsForStream().range("events:outbox-tests", Range.unbounded()).stream()
                .map(entry -> entry.getValue().get("eventId"))
                .toList();
    }
}
