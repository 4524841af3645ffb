package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Order and inventory change together or not at all: a failure injected between the two services'
 * steps leaves neither changed (a creation abandons its hold, ADR 12; cancellations roll back with
 * Seata). The devstack of the e2e run enables the fault switch.
 */
class ConsistencyTests {

    @Test
    void shouldKeepNeitherOrderNorLedgerRowsWhenCreationFailsAfterTheHold() {
        long session = Sales.freshSession(1);
        String visitor = Sales.idNumber();

        HttpResponse<String> failed = Sales.create(Sales.order(session, visitor), "X-Fault-Injection", "after-hold");

        Platform.assertProblem(failed, 500, "FAULT_INJECTED");
        assertThat(Sales.orders(session)).isZero();
        assertThat(Sales.ledger(session, "HELD")).isZero();
        // The single place and the visitor's day are free again at once.
        assertThat(Sales.placed(session, visitor).path("status").asText()).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void shouldKeepOrderAndHoldWhenCancellationFailsBeforeInventoryReleases() {
        long session = Sales.freshSession(5);
        JsonNode order = Sales.placed(session, Sales.idNumber());

        HttpResponse<String> failed =
                Sales.onOrder("POST", order, "/cancellation", null, "X-Fault-Injection", "before-release");

        Platform.assertProblem(failed, 500, "FAULT_INJECTED");
        assertThat(Sales.read(order).path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(Sales.read(order).path("tickets").get(0).path("status").asText())
                .isEqualTo("UNPAID");
        assertThat(Sales.ledger(session, "HELD")).isEqualTo(1);
        HttpResponse<String> cancelled = Sales.onOrder("POST", order, "/cancellation", null);
        assertThat(Platform.json(cancelled).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(Sales.ledger(session, "RELEASED")).isEqualTo(1);
    }

    @Test
    void shouldKeepThePlaceCountedUntilTheCancellationCommits() {
        long session = Sales.freshSession(1);
        JsonNode order = Sales.placed(session, Sales.idNumber());

        // Inventory's release has run inside the global transaction, which then rolls back.
        HttpResponse<String> failed =
                Sales.onOrder("POST", order, "/cancellation", null, "X-Fault-Injection", "after-release");

        Platform.assertProblem(failed, 500, "FAULT_INJECTED");
        assertThat(Sales.read(order).path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(Sales.ledger(session, "HELD")).isEqualTo(1);
        // The gate never gave the place back, so nobody else can buy it while the order stands.
        assertThat(Sales.redisUsed(Sales.dateOf(order), session)).isEqualTo(1);
        assertThat(Sales.remaining(session, Sales.dateOf(order))).isZero();

        HttpResponse<String> cancelled = Sales.onOrder("POST", order, "/cancellation", null);
        assertThat(Platform.json(cancelled).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(Sales.ledger(session, "RELEASED")).isEqualTo(1);
        // After the commit the gate gives the place back.
        assertThat(Sales.redisUsed(Sales.dateOf(order), session)).isZero();
    }
}
