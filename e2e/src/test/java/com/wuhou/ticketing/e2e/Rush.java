package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A release rush with a fault in the middle, and what must hold afterwards. */
final class Rush {

    private Rush() {}

    /**
     * {@code buyers} distinct buyers, 64 at a time, each holding one ticket and paying at once (and
     * retrying a 503 as a careful client does); {@code fault} runs once, when a third of the capacity
     * is held. Every buyer must end with a hold or {@code SOLD_OUT}. Returns the orders held.
     */
    static List<JsonNode> withFault(long session, int capacity, int buyers, Runnable fault) throws Exception {
        AtomicInteger held = new AtomicInteger();
        AtomicBoolean faulted = new AtomicBoolean();
        List<CompletableFuture<HttpResponse<String>>> attempts = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            for (int i = 0; i < buyers; i++) {
                String id = Sales.idNumber();
                attempts.add(CompletableFuture.supplyAsync(
                        () -> {
                            HttpResponse<String> answer = Sales.createPatiently(Sales.order(session, id));
                            if (answer.statusCode() == 201) {
                                Sales.pay(Platform.json(answer), null);
                                if (held.incrementAndGet() == capacity / 3 && faulted.compareAndSet(false, true)) {
                                    fault.run();
                                }
                            }
                            return answer;
                        },
                        pool));
            }
        } finally {
            pool.shutdown();
        }
        List<JsonNode> orders = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> attempt : attempts) {
            HttpResponse<String> answer = attempt.get();
            if (answer.statusCode() == 201) {
                orders.add(Platform.json(answer));
            } else {
                // Never a replay: sold out is not kept as a key's answer, a retry asks again.
                Platform.assertProblem(answer, 409, "SOLD_OUT");
            }
        }
        assertThat(faulted).as("the fault ran").isTrue();
        return orders;
    }

    /**
     * Never more than the capacity sold; once the payment window has passed nothing is left held,
     * every order is paid (its place sold) or expired (its place back), and the gate counts what the
     * ledger holds.
     */
    static void assertNoOversellAndNothingLeftHeld(long session, int capacity, List<JsonNode> orders) {
        assertThat(Sales.ledger(session, "SOLD") + Sales.ledger(session, "HELD"))
                .isLessThanOrEqualTo(capacity);
        LocalDate date = Sales.dateOf(orders.get(0));
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Sales.ledger(session, "HELD") == 0);
        int paid = 0;
        for (JsonNode order : orders) {
            String status = Sales.read(order).path("status").asText();
            assertThat(status).isIn("PAID", "EXPIRED");
            paid += status.equals("PAID") ? 1 : 0;
        }
        assertThat(paid).isLessThanOrEqualTo(capacity).isEqualTo(Sales.ledger(session, "SOLD"));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> assertThat(Sales.redisUsed(date, session)).isEqualTo(Sales.ledger(session, "SOLD")));
    }
}
