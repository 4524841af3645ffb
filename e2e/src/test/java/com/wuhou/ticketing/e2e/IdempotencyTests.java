package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key} on order creation, as API.md promises it. */
class IdempotencyTests {

    @Test
    void shouldAnswerARetryWithTheFirstAnswerAndRefuseTheKeyForAnotherBody() {
        long session = Sales.freshSession(10);
        String key = UUID.randomUUID().toString();
        String body = Sales.order(session, Sales.idNumber());

        HttpResponse<String> first = Sales.create(body, "Idempotency-Key", key);
        HttpResponse<String> again = Sales.create(body, "Idempotency-Key", key);
        HttpResponse<String> other = Sales.create(Sales.order(session, Sales.idNumber()), "Idempotency-Key", key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(Platform.json(again)).isEqualTo(Platform.json(first));
        Platform.assertProblem(other, 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(Sales.orders(session)).isEqualTo(1);
    }

    @Test
    void shouldMakeOneOrderWhenTheSameRequestArrivesManyTimesAtOnce() throws Exception {
        long session = Sales.freshSession(10);
        String key = UUID.randomUUID().toString();
        String body = Sales.order(session, Sales.idNumber());
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 8; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> Sales.create(body, "Idempotency-Key", key), pool));
            }
        } finally {
            pool.shutdown();
        }

        String orderNo = null;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> answer = call.get();
            if (answer.statusCode() == 201) {
                String number = Platform.json(answer).path("orderNo").asText();
                assertThat(orderNo == null || orderNo.equals(number))
                        .as("one order number")
                        .isTrue();
                orderNo = number;
            } else {
                Platform.assertProblem(answer, 409, "IDEMPOTENCY_IN_PROGRESS");
            }
        }
        assertThat(orderNo).isNotNull();
        assertThat(Sales.orders(session)).isEqualTo(1);
        assertThat(Sales.ledger(session, "HELD")).isEqualTo(1);
    }
}
