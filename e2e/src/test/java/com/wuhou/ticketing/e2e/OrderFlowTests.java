package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.wuhou.ticketing.order.api.TicketCredential;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A visitor buys, pays, cancels and refunds through the gateway; inventory follows every step. */
class OrderFlowTests {

    /** How long a sandbox payment may take to be confirmed on a busy CI machine (normally under 1 s). */
    private static final Duration PAYMENT_WINDOW = Duration.ofSeconds(60);

    @Test
    void shouldIssueTicketsThatVerifyWithThePublishedKeyOncePaid() throws Exception {
        long session = Sales.freshSession(10);
        JsonNode order = Sales.placed(session, Sales.idNumber(), Sales.idNumber());
        LocalDate date = Sales.dateOf(order);

        assertThat(order.path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(order.path("totalFen").asLong()).isEqualTo(10_000);
        assertThat(order.path("payDeadline").asText()).endsWith("+08:00");
        assertThat(order.path("tickets").get(0).path("idNo").asText()).matches("110\\*{11}\\d{3}[\\dX]");
        assertThat(Sales.remaining(session, date)).isEqualTo(8);

        HttpResponse<String> payment = Sales.pay(order, null);
        assertThat(payment.statusCode()).as(payment.body()).isEqualTo(201);
        assertThat(Platform.json(payment).path("status").asText()).isEqualTo("PENDING");

        JsonNode paid = Sales.awaitStatus(order, "PAID", PAYMENT_WINDOW);
        JsonNode key =
                Platform.json(Platform.get("/api/v1/ticket-keys")).path("keys").get(0);
        PublicKey published = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode(key.path("publicKey").asText())));
        for (JsonNode ticket : paid.path("tickets")) {
            assertThat(ticket.path("status").asText()).isEqualTo("VALID");
            TicketCredential credential = TicketCredential.verify(
                    ticket.path("credential").asText(),
                    id -> id.equals(key.path("keyId").asText()) ? Optional.of(published) : Optional.empty());
            assertThat(credential.ticketId()).isEqualTo(ticket.path("ticketId").asText());
            assertThat(credential.sessionId()).isEqualTo(session);
            assertThat(credential.date()).isEqualTo(date);
        }
        assertThat(paid.path("payments").get(0).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(Sales.ledger(session, "SOLD")).isEqualTo(2);
        Platform.assertProblem(Sales.pay(order, null), 409, "ORDER_ALREADY_PAID");
    }

    @Test
    void shouldPayOnceWhenTheProviderSendsTheNoticeTwice() {
        long session = Sales.freshSession(10);
        JsonNode order = Sales.placed(session, Sales.idNumber());

        String paymentId = Platform.json(Sales.pay(order, "{\"notices\":3}"))
                .path("paymentId")
                .asText();

        Sales.awaitStatus(order, "PAID", PAYMENT_WINDOW);
        // All three notices delivered (and answered 2xx) before looking again.
        await().atMost(PAYMENT_WINDOW)
                .until(() -> Sales.count(
                                "order_db", "SELECT notices_left FROM sandbox_payment WHERE payment_id = ?", paymentId)
                        == 0);
        JsonNode paid = Sales.read(order);
        assertThat(paid.path("status").asText()).isEqualTo("PAID");
        assertThat(paid.path("payments")).hasSize(1);
        assertThat(paid.path("payments").get(0).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(Sales.ledger(session, "SOLD")).isEqualTo(1);
    }

    @Test
    void shouldPutPlacesBackWhenAnUnpaidOrderIsCancelled() {
        long session = Sales.freshSession(3);
        JsonNode order = Sales.placed(session, Sales.idNumber(), Sales.idNumber(), Sales.idNumber());
        LocalDate date = Sales.dateOf(order);
        Platform.assertProblem(Sales.create(Sales.order(session, Sales.idNumber())), 409, "SOLD_OUT");

        HttpResponse<String> cancelled = Sales.onOrder("POST", order, "/cancellation", null);

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(Platform.json(cancelled).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(Sales.remaining(session, date)).isEqualTo(3);
        assertThat(Sales.ledger(session, "RELEASED")).isEqualTo(3);
        Platform.assertProblem(Sales.pay(order, null), 409, "ORDER_NOT_PAYABLE");
        Platform.assertProblem(Sales.onOrder("POST", order, "/cancellation", null), 409, "ORDER_NOT_CANCELLABLE");
    }

    @Test
    void shouldRefundOneTicketReturnItsPlaceAndAnswerARetryTheSame() {
        long session = Sales.freshSession(5);
        JsonNode order = Sales.placed(session, Sales.idNumber(), Sales.idNumber());
        LocalDate date = Sales.dateOf(order);
        Sales.pay(order, null);
        JsonNode paid = Sales.awaitStatus(order, "PAID", PAYMENT_WINDOW);
        String ticket = paid.path("tickets").get(0).path("ticketId").asText();
        String body = "{\"ticketIds\":[\"" + ticket + "\"]}";

        HttpResponse<String> refund =
                Sales.onOrder("POST", order, "/refunds", body, "Idempotency-Key", "refund-" + ticket);
        HttpResponse<String> retried =
                Sales.onOrder("POST", order, "/refunds", body, "Idempotency-Key", "refund-" + ticket);

        assertThat(refund.statusCode()).as(refund.body()).isEqualTo(201);
        assertThat(Platform.json(refund).path("amountFen").asLong()).isEqualTo(5000);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(Platform.json(retried)).isEqualTo(Platform.json(refund));
        JsonNode after = Sales.read(order);
        assertThat(after.path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(after.path("tickets").get(0).path("status").asText()).isEqualTo("REFUNDED");
        assertThat(after.path("tickets").get(1).path("status").asText()).isEqualTo("VALID");
        assertThat(Sales.remaining(session, date)).isEqualTo(4);
        assertThat(Sales.ledger(session, "SOLD")).isEqualTo(1);
        Platform.assertProblem(
                Sales.onOrder("POST", order, "/refunds", body, "Idempotency-Key", "another-key-" + ticket),
                409,
                "TICKET_NOT_REFUNDABLE");
        Platform.assertProblem(
                Sales.onOrder("POST", order, "/refunds", "{\"ticketIds\":[\"nope\"]}"), 422, "VALIDATION_FAILED");
    }

    @Test
    void shouldAllowOneTicketPerIdNumberPerDay() {
        LocalDate date = Sales.openDay(100);
        long morning = Sales.session(date, "09:00", 10);
        long afternoon = Sales.session(date, "14:00", 10);
        String visitor = Sales.idNumber();
        Sales.placed(morning, visitor);

        Platform.assertProblem(Sales.create(Sales.order(afternoon, visitor)), 409, "DAILY_LIMIT_REACHED");
        Platform.assertProblem(
                Sales.create(Sales.order(afternoon, Sales.idNumber(), visitor)), 409, "DAILY_LIMIT_REACHED");
        assertThat(Sales.remaining(afternoon, date)).isEqualTo(10);
        assertThat(Sales.placed(Sales.freshSession(5), visitor).path("status").asText())
                .isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void shouldRefuseInvalidOrdersWithFieldErrorsAndTakeNothing() {
        long session = Sales.freshSession(5);
        String badCheckDigit = Sales.idNumber().substring(0, 17) + "Y";

        JsonNode problem = Platform.assertProblem(
                Sales.create(Sales.order(session, Sales.idNumber(), badCheckDigit)), 422, "VALIDATION_FAILED");

        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("visitors[1].idNo");
        Platform.assertProblem(Sales.create(Sales.order(987_654_321L, Sales.idNumber())), 404, "SESSION_NOT_FOUND");
        assertThat(Sales.orders(session)).isZero();
        assertThat(Sales.ledger(session, "HELD")).isZero();
    }
}
