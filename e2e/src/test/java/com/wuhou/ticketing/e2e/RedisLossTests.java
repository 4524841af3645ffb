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
import org.junit.jupiter.api.Test;

/**
 * Redis (the admission gate) loses everything in the middle of a release rush. MySQL's ledger is the
 * truth: the gate is rebuilt from it, never more than the capacity is sold, and once the payment
 * window has passed no place is left held without an order paying for it.
 */
class RedisLossTests {

    private static final int CAPACITY = 300;
    private static final int BUYERS = 1_500;

    @Test
    void shouldNeverSellMoreThanCapacityWhenRedisIsFlushedDuringTheRush() throws Exception {
        long session = Sales.freshSession(CAPACITY);
        AtomicInteger held = new AtomicInteger();
        AtomicBoolean flushed = new AtomicBoolean();
        List<CompletableFuture<HttpResponse<String>>> attempts = new ArrayList<>();
        ExecutorService buyers = Executors.newFixedThreadPool(64);
        try {
            for (int i = 0; i < BUYERS; i++) {
                String id = Sales.idNumber();
                attempts.add(CompletableFuture.supplyAsync(
                        () -> {
                            HttpResponse<String> answer = Sales.createPatiently(Sales.order(session, id));
                            if (answer.statusCode() == 201) {
                                Sales.pay(Platform.json(answer), null);
                                if (held.incrementAndGet() == CAPACITY / 3 && flushed.compareAndSet(false, true)) {
                                    assertThat(Sales.redis("FLUSHALL")).isEqualTo("OK");
                                }
                            }
                            return answer;
                        },
                        buyers));
            }
        } finally {
            buyers.shutdown();
        }
        List<JsonNode> orders = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> attempt : attempts) {
            HttpResponse<String> answer = attempt.get();
            if (answer.statusCode() == 201) {
                orders.add(Platform.json(answer));
            } else {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
            }
        }

        assertThat(flushed).isTrue();
        assertThat(Sales.ledger(session, "SOLD") + Sales.ledger(session, "HELD"))
                .isLessThanOrEqualTo(CAPACITY);
        LocalDate date = Sales.dateOf(orders.get(0));
        // Every order ends paid (its place sold) or expired (its place back); nothing stays held.
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Sales.ledger(session, "HELD") == 0);
        int paid = 0;
        for (JsonNode order : orders) {
            String status = Sales.read(order).path("status").asText();
            assertThat(status).isIn("PAID", "EXPIRED");
            paid += status.equals("PAID") ? 1 : 0;
        }
        assertThat(paid).isLessThanOrEqualTo(CAPACITY).isEqualTo(Sales.ledger(session, "SOLD"));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> assertThat(Sales.redisUsed(date, session)).isEqualTo(Sales.ledger(session, "SOLD")));
    }
}
