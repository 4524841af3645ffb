package com.wuhou.ticketing.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** A consumer on real Redis and MySQL: each event applied once, a failed one again later, nothing lost. */
@SpringBootTest
@RealInfrastructure
class EventConsumerTests {

    private static final String STREAM = "events:consumer-tests";

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    private final List<String> applied = new CopyOnWriteArrayList<>();

    @BeforeEach
    void emptyStream() {
        redis.delete(STREAM);
        jdbc.update("DELETE FROM consumed_event");
        jdbc.execute("CREATE TABLE IF NOT EXISTS consumer_test_effect (event_id CHAR(36) PRIMARY KEY)");
        jdbc.update("DELETE FROM consumer_test_effect");
    }

    @Test
    void shouldApplyEachEventOnceEvenWhenDeliveredTwiceAndAcknowledgeIt() {
        String first = publish("OrderPaid", "{\"orderNo\":\"WH1\"}");
        String second = publish("TicketsRefunded", "{\"orderNo\":\"WH1\"}");
        publishWithId(first, "OrderPaid", "{\"orderNo\":\"WH1\"}"); // the relay sent it again
        EventConsumer consumer = consumer(event -> record(event), Duration.ofMinutes(1));

        int count = consumer.poll();

        assertThat(count).isEqualTo(2);
        assertThat(applied).containsExactly(first, second);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM consumer_test_effect", Integer.class))
                .isEqualTo(2);
        assertThat(redis.opsForStream().pending(STREAM, "tests").getTotalPendingMessages())
                .isZero();
        assertThat(consumer.poll()).isZero();
    }

    @Test
    void shouldApplyAFailedEventLaterAndKeepNothingOfTheFailedAttempt() {
        String id = publish("OrderPaid", "{\"orderNo\":\"WH2\"}");
        AtomicBoolean failOnce = new AtomicBoolean(true);
        EventConsumer consumer = consumer(
                event -> {
                    record(event);
                    if (failOnce.getAndSet(false)) {
                        throw new IllegalStateException("database hiccup");
                    }
                },
                Duration.ZERO);

        int firstPoll = consumer.poll();
        int effectsAfterFailure = jdbc.queryForObject("SELECT COUNT(*) FROM consumer_test_effect", Integer.class);
        long pendingAfterFailure = redis.opsForStream().pending(STREAM, "tests").getTotalPendingMessages();
        int secondPoll = consumer.poll();

        assertThat(firstPoll).isZero();
        assertThat(effectsAfterFailure).isZero();
        assertThat(pendingAfterFailure).isEqualTo(1);
        assertThat(secondPoll).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT event_id FROM consumer_test_effect", String.class))
                .containsExactly(id);
        assertThat(redis.opsForStream().pending(STREAM, "tests").getTotalPendingMessages())
                .isZero();
    }

    @Test
    void shouldSkipAMalformedEntryWithoutBlockingTheOnesAfterIt() {
        redis.opsForStream().add(StreamRecords.newRecord().in(STREAM).ofMap(Map.of("junk", "1")));
        String good = publish("OrderPaid", "{}");

        int count = consumer(event -> record(event), Duration.ofMinutes(1)).poll();

        assertThat(count).isEqualTo(1);
        assertThat(applied).containsExactly(good);
    }

    @Test
    void shouldCarryOnWhenRedisLosesTheStreamAndItsGroup() {
        EventConsumer consumer = consumer(event -> record(event), Duration.ofMinutes(1));
        String before = publish("OrderPaid", "{}");
        consumer.poll();

        redis.delete(STREAM); // what a FLUSHALL or an empty failover does to the group too
        String after = publish("OrderPaid", "{}");
        int applied = consumer.poll();

        assertThat(applied).isEqualTo(1);
        assertThat(this.applied).containsExactly(before, after);
    }

    private void record(StreamEvent event) {
        applied.add(event.eventId());
        jdbc.update("INSERT INTO consumer_test_effect (event_id) VALUES (?)", event.eventId());
    }

    private EventConsumer consumer(EventHandler handler, Duration claimAfter) {
        return new EventConsumer(
                redis,
                jdbc,
                transactions,
                STREAM,
                "tests",
                "tests-1",
                handler,
                Duration.ofMillis(100),
                claimAfter,
                Clock.systemUTC());
    }

    private String publish(String type, String payload) {
        return publishWithId(UUID.randomUUID().toString(), type, payload);
    }

    private String publishWithId(String id, String type, String payload) {
        redis.opsForStream()
                .add(StreamRecords.newRecord()
                        .in(STREAM)
                        .ofMap(new StreamEvent(id, type, "WH", Instant.parse("2026-11-28T08:00:00Z"), payload)
                                .fields()));
        return id;
    }
}
