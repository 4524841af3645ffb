package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The release rush: far more buyers than places, all at once, through the gateway. */
class NoOversellTests {

    private static final int CAPACITY = 300;
    private static final int BUYERS = 2_000;
    private static final int REPEATS = 200;

    /** A buyer tries to hold a ticket and, having one, pays at once. */
    private static HttpResponse<String> buy(long session, String id) {
        HttpResponse<String> answer = Sales.createPatiently(Sales.order(session, id));
        if (answer.statusCode() == 201) {
            HttpResponse<String> payment = Sales.pay(Platform.json(answer), null);
            assertThat(payment.statusCode()).as(payment.body()).isEqualTo(201);
        }
        return answer;
    }

    @Test
    void shouldSellExactlyTheCapacityToConcurrentBuyersAndKeepLedgerAndGateEqual() throws Exception {
        long session = Sales.freshSession(CAPACITY);
        // 1,800 distinct IDs, and 200 of them a second time (shuffled in: the same ID tries twice at once).
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < BUYERS - REPEATS; i++) {
            ids.add(Sales.idNumber());
        }
        ids.addAll(ids.subList(0, REPEATS));
        Collections.shuffle(ids);
        List<CompletableFuture<HttpResponse<String>>> attempts = new ArrayList<>();
        ExecutorService buyers = Executors.newFixedThreadPool(64);
        try {
            for (String id : ids) {
                attempts.add(CompletableFuture.supplyAsync(() -> buy(session, id), buyers));
            }
        } finally {
            buyers.shutdown();
        }

        List<JsonNode> held = new ArrayList<>();
        List<String> heldIds = new ArrayList<>();
        Map<String, Integer> answers = new HashMap<>();
        for (int i = 0; i < attempts.size(); i++) {
            HttpResponse<String> answer = attempts.get(i).get();
            if (answer.statusCode() == 201) {
                held.add(Platform.json(answer));
                heldIds.add(ids.get(i));
                answers.merge("201", 1, Integer::sum);
            } else {
                answers.merge(
                        answer.statusCode() + " "
                                + Platform.json(answer).path("code").asText(),
                        1,
                        Integer::sum);
            }
        }
        // Every buyer ends with a hold, "sold out" or (a second try of an ID) "limit reached", never an error.
        assertThat(answers.keySet()).isSubsetOf("201", "409 SOLD_OUT", "409 DAILY_LIMIT_REACHED");
        assertThat(held).as("orders held").hasSize(CAPACITY);
        assertThat(heldIds).as("each ID at most once").doesNotHaveDuplicates();
        LocalDate date = Sales.dateOf(held.get(0));
        assertThat(Sales.remaining(session, date)).isZero();

        for (JsonNode order : held) {
            Sales.awaitStatus(order, "PAID", Duration.ofSeconds(60));
        }
        assertThat(Sales.ledger(session, "SOLD")).isEqualTo(CAPACITY);
        assertThat(Sales.ledger(session, "HELD")).isZero();
        assertThat(Sales.redisUsed(date, session)).isEqualTo(CAPACITY);
        assertThat(Sales.orders(session)).isEqualTo(CAPACITY);
    }
}
