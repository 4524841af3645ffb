package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The release rush as buyers see it: far more buyers than places, 256 at once, each asking once
 * through the gateway. Every buyer gets an answer that means something to them (a ticket, sold out,
 * or "wait a second" with {@code Retry-After}), never a server error or a time-out, and exactly the
 * capacity is sold.
 */
class RushTests {

    private static final int CAPACITY = 200;
    private static final int BUYERS = 3_000;
    private static final int AT_ONCE = 256;

    @Test
    void shouldAnswerEveryBuyerOfARushWithATicketSoldOutOrRetryAfterAndSellExactlyTheCapacity() throws Exception {
        long session = Sales.freshSession(CAPACITY);
        List<CompletableFuture<HttpResponse<String>>> attempts = new ArrayList<>();
        ExecutorService buyers = Executors.newFixedThreadPool(AT_ONCE);
        try {
            for (int i = 0; i < BUYERS; i++) {
                String body = Sales.order(session, Sales.idNumber());
                attempts.add(CompletableFuture.supplyAsync(
                        () -> Sales.create(
                                body, "Idempotency-Key", UUID.randomUUID().toString()),
                        buyers));
            }
        } finally {
            buyers.shutdown();
        }

        Map<String, Integer> answers = new TreeMap<>();
        int held = 0;
        for (CompletableFuture<HttpResponse<String>> attempt : attempts) {
            HttpResponse<String> answer = attempt.get();
            int status = answer.statusCode();
            String code =
                    status == 201 ? "" : Platform.json(answer).path("code").asText();
            answers.merge(status + " " + code, 1, Integer::sum);
            if (status == 201) {
                held++;
            } else if (status == 429) {
                assertThat(answer.headers().firstValue("Retry-After"))
                        .as(answer.body())
                        .isPresent();
            } else {
                assertThat(status + " " + code).as(answer.body()).isEqualTo("409 SOLD_OUT");
            }
        }

        assertThat(answers.keySet())
                .as("answers %s", answers)
                .allMatch(a -> a.startsWith("201") || a.startsWith("409") || a.startsWith("429"));
        assertThat(held).as("answers %s", answers).isEqualTo(CAPACITY);
        assertThat(Sales.ledger(session, "HELD")).isEqualTo(CAPACITY);
        assertThat(Sales.orders(session)).isEqualTo(CAPACITY);
    }
}
