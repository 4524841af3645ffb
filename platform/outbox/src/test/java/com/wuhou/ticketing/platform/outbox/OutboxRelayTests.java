package com.wuhou.ticketing.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import com.wuhou.ticketing.platform.testsupport.SharedInfrastructure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox on real MySQL and Redis: what is committed reaches the stream once, nothing else does. */
@SpringBootTest
@RealInfrastructure
class OutboxRelayTests {

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    MeterBinder outboxPendingGauge;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    private final ObjectMapper json = new ObjectMapper();

    record ThingCreated(String name, int quantity) {}

    @BeforeEach
    void emptyOutboxAndStream() {
        jdbc.update("DELETE FROM outbox_event");
        redis.delete(relay.stream());
    }

    @Test
    void shouldRelayEventWithAllFieldsExactlyOnceWhenAppendedInTransaction() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        outboxPendingGauge.bindTo(meters);
        String eventId =
                transactions.execute(status -> outbox.append("ThingCreated", "thing-1", new ThingCreated("lamp", 2)));
        double pendingBefore = pending(meters);

        relay.relay();
        relay.relay();

        List<MapRecord<String, Object, Object>> entries = entries();
        assertThat(relay.stream()).isEqualTo("events:outbox-tests");
        assertThat(entries).hasSize(1);
        Map<Object, Object> fields = entries.get(0).getValue();
        assertThat(fields).containsOnlyKeys("eventId", "type", "aggregateId", "occurredAt", "payload");
        assertThat(fields.get("eventId")).isEqualTo(eventId);
        assertThat(fields.get("type")).isEqualTo("ThingCreated");
        assertThat(fields.get("aggregateId")).isEqualTo("thing-1");
        assertThat(fields.get("payload")).isEqualTo("{\"name\":\"lamp\",\"quantity\":2}");
        assertThat(json.readValue((String) fields.get("payload"), ThingCreated.class))
                .isEqualTo(new ThingCreated("lamp", 2));
        LocalDateTime occurredAt = jdbc.queryForObject(
                "SELECT occurred_at FROM outbox_event WHERE event_id = ?", LocalDateTime.class, eventId);
        assertThat(Instant.parse((String) fields.get("occurredAt"))).isEqualTo(occurredAt.toInstant(ZoneOffset.UTC));
        assertThat(pendingBefore).isEqualTo(1.0);
        assertThat(pending(meters)).isZero();
    }

    @Test
    void shouldRelayNothingWhenTransactionRolledBack() {
        transactions.executeWithoutResult(status -> {
            outbox.append("ThingCreated", "thing-2", new ThingCreated("vase", 1));
            status.setRollbackOnly();
        });

        relay.relay();

        assertThat(entries()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event", Integer.class))
                .isZero();
    }

    @Test
    void shouldRefuseToAppendWhenNoTransactionIsActive() {
        assertThatThrownBy(() -> outbox.append("ThingCreated", "thing-3", new ThingCreated("cup", 1)))
                .isInstanceOf(IllegalTransactionStateException.class);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event", Integer.class))
                .isZero();
    }

    @Test
    void shouldRelayAllPendingInOrderWhenMoreThanOneBatchWaits() {
        transactions.executeWithoutResult(status -> IntStream.range(0, 250)
                .forEach(i -> outbox.append("ThingCreated", "thing-" + i, new ThingCreated("item", i))));

        relay.relay();

        assertThat(entries())
                .extracting(entry -> entry.getValue().get("aggregateId"))
                .containsExactlyElementsOf(
                        IntStream.range(0, 250).mapToObj(i -> "thing-" + i).toList());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE relayed_at IS NULL", Integer.class))
                .isZero();
    }

    @Test
    void shouldSkipEventsAnotherRelayHoldsAndSendEachOnceWhenRelaysOverlap() throws Exception {
        List<String> ids = transactions.execute(status -> List.of(
                outbox.append("ThingCreated", "a", new ThingCreated("a", 1)),
                outbox.append("ThingCreated", "b", new ThingCreated("b", 1))));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        // Another instance's relay, holding the first event between its SELECT and its commit.
        ExecutorService otherInstance = Executors.newSingleThreadExecutor();
        Future<?> other = otherInstance.submit(() -> transactions.executeWithoutResult(status -> {
            jdbc.queryForList(
                    "SELECT id FROM outbox_event WHERE relayed_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
            locked.countDown();
            await(done);
            status.setRollbackOnly();
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        relay.relay();
        List<Object> whileHeld =
                entries().stream().map(entry -> entry.getValue().get("eventId")).toList();
        done.countDown();
        other.get(10, TimeUnit.SECONDS);
        otherInstance.shutdown();
        relay.relay();

        assertThat(whileHeld).containsExactly(ids.get(1));
        assertThat(entries())
                .extracting(entry -> entry.getValue().get("eventId"))
                .containsExactly(ids.get(1), ids.get(0));
    }

    @Test
    void shouldNotHoldUpAppendsWhileRelayWaitsForRedis() throws Exception {
        String first = transactions.execute(status -> outbox.append("ThingCreated", "a", new ThingCreated("a", 1)));
        // Redis stops answering writes for a while: the relay's XADD waits with its rows locked.
        pauseRedisWrites(1500);
        ExecutorService relayThread = Executors.newSingleThreadExecutor();
        Future<Integer> relaying = relayThread.submit(relay::relayBatch);
        awaitLockingTransaction();

        long started = System.nanoTime();
        String second = transactions.execute(status -> {
            // A writer blocked by the relay's locks fails after a second instead of waiting.
            jdbc.execute("SET SESSION innodb_lock_wait_timeout = 1");
            try {
                return outbox.append("ThingCreated", "b", new ThingCreated("b", 1));
            } finally {
                jdbc.execute("SET SESSION innodb_lock_wait_timeout = DEFAULT");
            }
        });
        long appendMillis = (System.nanoTime() - started) / 1_000_000;
        int relayedWhilePaused = relaying.get(10, TimeUnit.SECONDS);
        relayThread.shutdown();
        relay.relay();

        assertThat(appendMillis).isLessThan(1000);
        assertThat(relayedWhilePaused).isEqualTo(1);
        assertThat(entries())
                .extracting(entry -> entry.getValue().get("eventId"))
                .containsExactly(first, second);
    }

    @Test
    void shouldDeleteRelayedEventsWhenOlderThanRetentionButKeepPendingOnes() {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        insertRow("old-relayed", now.minusDays(9), now.minusDays(8));
        insertRow("old-pending", now.minusDays(9), null);
        insertRow("recent-relayed", now.minusDays(1), now.minusDays(1));

        relay.purgeRelayed();

        assertThat(jdbc.queryForList("SELECT aggregate_id FROM outbox_event ORDER BY id", String.class))
                .containsExactly("old-pending", "recent-relayed");
    }

    private void insertRow(String aggregateId, LocalDateTime occurredAt, LocalDateTime relayedAt) {
        jdbc.update(
                "INSERT INTO outbox_event (event_id, event_type, aggregate_id, payload, occurred_at, relayed_at)"
                        + " VALUES (UUID(), 'ThingCreated', ?, '{}', ?, ?)",
                aggregateId,
                occurredAt,
                relayedAt);
    }

    private List<MapRecord<String, Object, Object>> entries() {
        return redis.opsForStream().range(relay.stream(), Range.unbounded());
    }

    /** {@code CLIENT PAUSE ms WRITE} on a connection of its own (Redisson's template cannot send it). */
    private static void pauseRedisWrites(int millis) throws IOException {
        SharedInfrastructure infra = SharedInfrastructure.get();
        try (Socket socket = new Socket(infra.redisHost(), infra.redisPort())) {
            socket.getOutputStream()
                    .write(("CLIENT PAUSE " + millis + " WRITE\r\n").getBytes(StandardCharsets.US_ASCII));
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(reply).isEqualTo("+OK");
        }
    }

    /** Waits until some transaction holds row locks (the relay, between its SELECT and its commit). */
    private void awaitLockingTransaction() {
        Instant deadline = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(deadline)) {
            Integer locking = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_rows_locked > 0", Integer.class);
            if (locking != null && locking > 0) {
                return;
            }
            // InnoDB refreshes this table only after 0.1 s without readers: poll slower than that.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(150));
        }
        throw new AssertionError("the relay never locked its rows");
    }

    private static double pending(SimpleMeterRegistry meters) {
        Gauge gauge = meters.get("outbox.pending").gauge();
        return gauge.value();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the lock");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
