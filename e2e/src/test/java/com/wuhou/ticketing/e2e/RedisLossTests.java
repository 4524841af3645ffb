package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Redis (the admission gate) loses everything in the middle of a release rush. MySQL's ledger is the
 * truth: the gate is rebuilt from it, never more than the capacity is sold, and once the payment
 * window has passed no place is left held without an order paying for it.
 */
class RedisLossTests {

    private static final int CAPACITY = 300;

    @Test
    void shouldNeverSellMoreThanCapacityWhenRedisIsFlushedDuringTheRush() throws Exception {
        long session = Sales.freshSession(CAPACITY);

        List<JsonNode> orders = Rush.withFault(
                session,
                CAPACITY,
                1_500,
                () -> assertThat(Sales.redis("FLUSHALL")).isEqualTo("OK"));

        Rush.assertNoOversellAndNothingLeftHeld(session, CAPACITY, orders);
    }
}
