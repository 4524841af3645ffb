package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A creation is a hold with an expiry followed by the order's own write, not a global transaction
 * (ADR 0012). order-service halts between the two (fault {@code after-hold-crash}, as a {@code kill
 * -9} would): the place stays held, nothing is sold twice, and it is never held for good. A retry with
 * the same {@code Idempotency-Key} makes the order from the same hold; without one, inventory gives the
 * place back at the hold's expiry (the devstack of the tests: pay timeout 60 s, hold grace 40 s, a key
 * still in progress taken over after 20 s; a retry gets the first attempt's deadline).
 */
class BookingCrashTests {

    private static final String ORDER = "order-service";

    @Test
    void shouldMakeTheOrderFromTheSameHoldWhenTheBuyerRetriesAfterACrash() throws Exception {
        long session = Sales.freshSession(1);
        String visitor = Sales.idNumber();
        String key = UUID.randomUUID().toString();
        String body = Sales.order(session, visitor);

        crashWhileCreating(body, key);

        assertThat(Sales.ledger(session, "HELD")).isEqualTo(1);
        assertThat(Sales.orders(session)).isZero();
        HttpResponse<String> retried = retried(body, key);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        JsonNode order = Platform.json(retried);
        assertThat(order.path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(Sales.orders(session)).isEqualTo(1);
        assertThat(Sales.ledger(session, "HELD")).isEqualTo(1);
        assertThat(Sales.redisUsed(Sales.dateOf(order), session)).isEqualTo(1);
        // Nobody else gets the place while the order stands.
        Platform.assertProblem(Sales.create(Sales.order(session, Sales.idNumber())), 409, "SOLD_OUT");
    }

    @Test
    void shouldGiveThePlaceBackAtTheHoldsExpiryWhenNobodyRetriesInTime() throws Exception {
        long session = Sales.freshSession(1);
        String key = UUID.randomUUID().toString();
        String body = Sales.order(session, Sales.idNumber());

        crashWhileCreating(body, key);

        assertThat(Sales.ledger(session, "HELD")).isEqualTo(1);
        Platform.assertProblem(Sales.createPatiently(Sales.order(session, Sales.idNumber())), 409, "SOLD_OUT");
        await().atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Sales.ledger(session, "HELD") == 0);
        assertThat(Sales.ledger(session, "RELEASED")).isEqualTo(1);
        assertThat(Sales.orders(session)).isZero();
        // Too late for the crashed request: its buyer is told to order again, and nothing is taken.
        Platform.assertProblem(retried(body, key), 409, "ORDER_EXPIRED");
        assertThat(Sales.orders(session)).isZero();
        // The place is on sale again, once: a new key is a new order.
        HttpResponse<String> next = Sales.createPatiently(body);
        assertThat(next.statusCode()).as(next.body()).isEqualTo(201);
        Platform.assertProblem(Sales.createPatiently(Sales.order(session, Sales.idNumber())), 409, "SOLD_OUT");
    }

    /** Sends the creation with the crash fault, waits for the process to end, and starts it again. */
    private static void crashWhileCreating(String body, String key) throws Exception {
        ProcessHandle service = orderService();
        HttpResponse<String> crashed =
                Sales.create(body, "Idempotency-Key", key, "X-Fault-Injection", "after-hold-crash");
        assertThat(crashed.statusCode()).as(crashed.body()).isGreaterThanOrEqualTo(500);
        service.onExit().get(30, TimeUnit.SECONDS);
        Platform.devstack("start", ORDER);
    }

    /** The retry of a careful client: again while the service is starting or the key is still claimed. */
    private static HttpResponse<String> retried(String body, String key) {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> Sales.create(body, "Idempotency-Key", key),
                        answer -> answer.statusCode() != 503
                                && answer.statusCode() != 502
                                && answer.statusCode() != 429
                                && !(answer.statusCode() == 409 && answer.body().contains("IDEMPOTENCY_IN_PROGRESS")));
    }

    private static ProcessHandle orderService() throws Exception {
        long pid =
                Long.parseLong(Files.readString(Platform.home().resolve("pids").resolve(ORDER + ".pid"))
                        .strip());
        return ProcessHandle.of(pid).orElseThrow();
    }
}
