package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Payment deadlines (60 s in the e2e devstack): an unpaid order expires and gives its places back,
 * but money the provider collected is never lost: a payment found at the deadline pays the order, one
 * that lands after the expiry takes the places again, or is refunded when inventory refuses them
 * (sold out, or the ticket type taken off sale meanwhile).
 */
class DeadlineTests {

    private static final Duration PAST_DEADLINE = Duration.ofSeconds(105);

    @Test
    void shouldExpireUnpaidOrdersButHonourAPaymentTheProviderAlreadyTook() {
        long session = Sales.freshSession(5);
        JsonNode unpaid = Sales.placed(session, Sales.idNumber());
        JsonNode paidButSilent = Sales.placed(session, Sales.idNumber());
        LocalDate date = Sales.dateOf(unpaid);
        // The payer pays at once but the provider's notice would come only in two minutes.
        Sales.pay(paidButSilent, "{\"payAfterMillis\":0,\"notifyDelayMillis\":120000}");

        Sales.awaitStatus(unpaid, "EXPIRED", PAST_DEADLINE);
        JsonNode paid = Sales.awaitStatus(paidButSilent, "PAID", PAST_DEADLINE);

        assertThat(paid.path("tickets").get(0).path("credential").asText()).startsWith("T1.");
        assertThat(Sales.read(unpaid).path("tickets").get(0).path("status").asText())
                .isEqualTo("VOID");
        assertThat(Sales.remaining(session, date)).isEqualTo(4);
        assertThat(Sales.ledger(session, "SOLD")).isEqualTo(1);
        assertThat(Sales.ledger(session, "HELD")).isZero();
    }

    @Test
    void shouldHonourAPaymentAfterExpiryWhilePlacesRemainAndRefundItWhenTheyAreGone() {
        long roomy = Sales.freshSession(5);
        long single = Sales.freshSession(1);
        JsonNode honoured = Sales.placed(roomy, Sales.idNumber());
        JsonNode refunded = Sales.placed(single, Sales.idNumber());
        // The payer pays just as the platform closes the payment: the close "succeeds", the money arrives.
        Sales.pay(honoured, "{\"payAfterMillis\":75000,\"ignoreClose\":true}");
        Sales.pay(refunded, "{\"payAfterMillis\":80000,\"ignoreClose\":true}");

        Sales.awaitStatus(honoured, "EXPIRED", PAST_DEADLINE);
        Sales.awaitStatus(refunded, "EXPIRED", PAST_DEADLINE);
        JsonNode taker = Sales.placed(single, Sales.idNumber()); // the released single place sells again

        Sales.awaitStatus(honoured, "PAID", PAST_DEADLINE);
        await().atMost(PAST_DEADLINE)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> Sales.read(refunded)
                                .path("payments")
                                .get(0)
                                .path("status")
                                .asText(),
                        "REFUNDED"::equals);
        assertThat(Sales.read(refunded).path("status").asText()).isEqualTo("EXPIRED");
        assertThat(Sales.read(taker).path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(Sales.ledger(roomy, "SOLD")).isEqualTo(1);
        assertThat(Sales.ledger(single, "SOLD") + Sales.ledger(single, "HELD")).isEqualTo(1);
        assertThat(Sales.read(honoured)
                        .path("tickets")
                        .get(0)
                        .path("credential")
                        .asText())
                .startsWith("T1.");
    }

    @Test
    void shouldRefundAPaymentAfterExpiryWhenItsTicketTypeWasTakenOffSale() {
        // A type of this test's own: taking ADULT off sale would refuse every other test's buyers.
        String type = "LATE"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        HttpResponse<String> created = Sales.ticketType("POST", type, true);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long session = Sales.freshSession(5);
        HttpResponse<String> placed = Sales.create(Sales.orderOf(session, type, "13800138000", Sales.idNumber()));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = Platform.json(placed);
        String paymentId = Platform.json(Sales.pay(order, "{\"payAfterMillis\":75000,\"ignoreClose\":true}"))
                .path("paymentId")
                .asText();
        Sales.awaitStatus(order, "EXPIRED", PAST_DEADLINE);

        HttpResponse<String> offSale = Sales.ticketType("PUT", type, false);

        assertThat(offSale.statusCode()).as(offSale.body()).isEqualTo(200);
        await().atMost(PAST_DEADLINE)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> Sales.read(order)
                                .path("payments")
                                .get(0)
                                .path("status")
                                .asText(),
                        "REFUNDED"::equals);
        // Answered 2xx, so the provider stopped repeating its notice.
        await().atMost(PAST_DEADLINE)
                .until(() -> Sales.count(
                                "order_db", "SELECT notices_left FROM sandbox_payment WHERE payment_id = ?", paymentId)
                        == 0);
        assertThat(Sales.read(order).path("status").asText()).isEqualTo("EXPIRED");
        assertThat(Sales.count("order_db", "SELECT refunded_fen FROM sandbox_payment WHERE payment_id = ?", paymentId))
                .isEqualTo(5000);
        assertThat(Sales.count(
                        "order_db",
                        "SELECT COUNT(*) FROM outbox_event WHERE event_type = 'PaymentRefunded' AND aggregate_id = ?",
                        order.path("orderNo").asText()))
                .isEqualTo(1);
        assertThat(Sales.ledger(session, "SOLD") + Sales.ledger(session, "HELD"))
                .isZero();
    }
}
