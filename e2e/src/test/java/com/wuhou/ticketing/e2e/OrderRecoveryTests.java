package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A buyer whose order's answer was lost (no Idempotency-Key, the app gave up) is refused a second
 * order for the same visitor with DAILY_LIMIT_REACHED, which says how to find the first one: with the
 * visitor's ID number and the contact phone. The order comes back with its token and can be paid.
 */
class OrderRecoveryTests {

    @Test
    void shouldRecoverALostOrderWithIdNumberAndPhoneAndPayItWithTheRecoveredToken() {
        long session = Sales.freshSession(5);
        String visitor = Sales.idNumber();
        String phone = "137" + "%08d".formatted(ThreadLocalRandom.current().nextInt(100_000_000));
        HttpResponse<String> lost = Sales.create(Sales.orderOf(session, "ADULT", phone, visitor));
        assertThat(lost.statusCode()).as(lost.body()).isEqualTo(201);
        String orderNo = Platform.json(lost).path("orderNo").asText(); // all the buyer's app kept

        JsonNode refused = Platform.assertProblem(
                Sales.create(Sales.orderOf(session, "ADULT", phone, visitor)), 409, "DAILY_LIMIT_REACHED");
        HttpResponse<String> recovered = recover(visitor, phone);

        assertThat(refused.path("recovery").asText()).isEqualTo("/api/v1/order-recoveries");
        assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(200);
        assertThat(recovered.body()).doesNotContain(visitor).doesNotContain(phone);
        JsonNode orders = Platform.json(recovered).path("orders");
        assertThat(orders).hasSize(1);
        JsonNode order = orders.get(0);
        assertThat(order.path("orderNo").asText()).isEqualTo(orderNo);
        assertThat(order.path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(order.path("contactPhone").asText()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(order.path("tickets").get(0).path("idNo").asText()).contains("*");

        HttpResponse<String> payment = Sales.pay(order, null);

        assertThat(payment.statusCode()).as(payment.body()).isEqualTo(201);
        assertThat(Sales.awaitStatus(order, "PAID", Duration.ofSeconds(60))
                        .path("orderNo")
                        .asText())
                .isEqualTo(orderNo);
    }

    @Test
    void shouldAnswerNothingInTheSameShapeWhenThePhoneDoesNotMatchAndLogNoIdNumber() {
        long session = Sales.freshSession(5);
        String visitor = Sales.idNumber();
        Sales.placed(session, visitor); // contact phone 13800138000

        HttpResponse<String> wrongPhone = recover(visitor, "13900000000");
        HttpResponse<String> unknownVisitor = recover(Sales.idNumber(), "13800138000");

        for (HttpResponse<String> answer : List.of(wrongPhone, unknownVisitor)) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(Platform.json(answer))
                    .isEqualTo(Platform.JSON.createObjectNode().set("orders", Platform.JSON.createArrayNode()));
        }
        // The number travels in the body only, and neither the gateway nor order-service writes it down.
        assertThat(Platform.log("gateway-service")).doesNotContain(visitor);
        assertThat(Platform.log("order-service")).doesNotContain(visitor);
    }

    private static HttpResponse<String> recover(String idNo, String phone) {
        return Platform.send(
                "POST",
                "/api/v1/order-recoveries",
                "{\"idType\":\"ID_CARD\",\"idNo\":\"%s\",\"contactPhone\":\"%s\"}".formatted(idNo, phone),
                null);
    }
}
