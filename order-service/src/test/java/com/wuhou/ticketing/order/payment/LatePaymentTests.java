package com.wuhou.ticketing.order.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.wuhou.ticketing.order.inventory.InventoryStub;
import com.wuhou.ticketing.order.orders.Buyer;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A payment that lands after its order expired ends honoured or refunded: inventory's definite
 * refusal of the new hold (whatever its code) refunds it and answers the provider 2xx, while a
 * failure of the moment is tried again when the provider repeats its notice. The sandbox provider
 * delivers its notices to this instance over HTTP, as a real provider would.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ticketing.order.expiry-interval=1h")
@ActiveProfiles("test")
@RealInfrastructure
@Import({InventoryStub.Config.class, Buyer.class})
class LatePaymentTests {

    private static final Duration NOTICE_WINDOW = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    InventoryStub inventory;

    @Autowired
    ExpiryJob expiry;

    @Autowired
    Buyer buyer;

    @Autowired
    Settlement settlement;

    @Autowired
    StringRedisTemplate redis;

    @AfterEach
    void acceptHoldsAgain() {
        inventory.acceptHolds();
    }

    /** Any definite refusal of the new hold, whatever its code: a ticket type deactivated, a session gone. */
    @ParameterizedTest
    @CsvSource({"422, VALIDATION_FAILED, ADULT is not on sale", "404, SESSION_NOT_FOUND, No session 7"})
    void shouldRefundALatePaymentWhenInventoryRefusesItsPlaces(int status, String code, String detail) {
        LatePayment late = expiredOrderWhosePaymentIsOnItsWay();
        inventory.refuseHolds(status, code, detail);

        payerPaysNow(late);

        // The provider stops repeating its notice only when it was answered 2xx.
        await().atMost(NOTICE_WINDOW).until(() -> noticesLeft(late.paymentId) == 0);
        assertThat(paymentStatus(late.paymentId)).isEqualTo("REFUNDED");
        assertThat(jdbc.queryForObject(
                        "SELECT refunded_fen FROM sandbox_payment WHERE payment_id = ?", Long.class, late.paymentId))
                .isEqualTo(5000L);
        assertThat(events("PaymentRefunded", late.orderNo)).isEqualTo(1);
        assertThat(orderStatus(late.orderNo)).isEqualTo("EXPIRED");
        JsonNode order = buyer.read(buyer.send(HttpMethod.GET, "/api/v1/orders/" + late.orderNo, null, late.token));
        assertThat(order.path("payments").get(0).path("status").asText()).isEqualTo("REFUNDED");
    }

    @Test
    void shouldHonourALatePaymentOnceInventoryAnswersAgainAfterFailingForAMoment() {
        LatePayment late = expiredOrderWhosePaymentIsOnItsWay();
        inventory.refuseHolds(503, "SERVICE_UNAVAILABLE", "restarting");

        payerPaysNow(late);
        await().atMost(NOTICE_WINDOW)
                .until(() -> jdbc.queryForObject(
                                "SELECT attempts FROM sandbox_payment WHERE payment_id = ?",
                                Integer.class,
                                late.paymentId)
                        > 0);
        String whileFailing = paymentStatus(late.paymentId);
        inventory.acceptHolds();

        await().atMost(NOTICE_WINDOW).until(() -> orderStatus(late.orderNo).equals("PAID"));
        assertThat(whileFailing).isEqualTo("CLOSED");
        assertThat(paymentStatus(late.paymentId)).isEqualTo("SUCCEEDED");
        assertThat(events("PaymentRefunded", late.orderNo)).isZero();
    }

    /**
     * Two notices of one late payment at once must not both take the order's late hold: while one is
     * being settled the other is answered 503 (the provider repeats it) and changes nothing.
     */
    @Test
    void shouldSettleALatePaymentOnceWhenItsNoticesArriveTogether() {
        LatePayment late = expiredOrderWhosePaymentIsOnItsWay();
        redis.opsForValue().set(Settlement.SETTLING_LOCK + late.paymentId, "another-instance", Duration.ofMinutes(1));

        ApiException meanwhile =
                catchThrowableOfType(ApiException.class, () -> settlement.succeeded(late.paymentId, "TXN-1"));
        redis.delete(Settlement.SETTLING_LOCK + late.paymentId);
        settlement.succeeded(late.paymentId, "TXN-1");

        assertThat(meanwhile.errorCode().status().value()).isEqualTo(503);
        assertThat(orderStatus(late.orderNo)).isEqualTo("PAID");
        assertThat(paymentStatus(late.paymentId)).isEqualTo("SUCCEEDED");
    }

    /**
     * inventory gave the places back at the hold's own expiry before this service expired the order
     * (its expiry job was behind): the payment that then arrives takes the places again, as a late one.
     */
    @Test
    void shouldPayAnUnpaidOrderWhoseHoldExpiredFirstUnderANewHold() {
        JsonNode order = buyer.ordered("13800138000", Buyer.idNumber());
        String orderNo = order.path("orderNo").asText();
        JsonNode payment = buyer.read(buyer.send(
                HttpMethod.POST,
                "/api/v1/orders/" + orderNo + "/payments",
                "{\"method\":\"SANDBOX\",\"sandbox\":{\"payAfterMillis\":3600000}}",
                order.path("orderToken").asText()));
        String paymentId = payment.path("paymentId").asText();
        assertThat(inventory.held(orderNo).expiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(15)));
        inventory.expire(orderNo);

        settlement.succeeded(paymentId, "TXN-EXPIRED-HOLD");

        assertThat(orderStatus(orderNo)).isEqualTo("PAID");
        assertThat(paymentStatus(paymentId)).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject("SELECT hold_ref FROM ticket_order WHERE order_no = ?", String.class, orderNo))
                .isEqualTo(PaymentTransactions.lateHoldRef(orderNo));
        assertThat(inventory.held(PaymentTransactions.lateHoldRef(orderNo)).state())
                .isEqualTo("SOLD");
    }

    /** An order paid at the sandbox just as it expires: the payer's money arrives after the expiry. */
    private LatePayment expiredOrderWhosePaymentIsOnItsWay() {
        JsonNode order = buyer.ordered("13800138000", Buyer.idNumber());
        String orderNo = order.path("orderNo").asText();
        String token = order.path("orderToken").asText();
        JsonNode payment = buyer.read(buyer.send(
                HttpMethod.POST,
                "/api/v1/orders/" + orderNo + "/payments",
                "{\"method\":\"SANDBOX\",\"sandbox\":{\"payAfterMillis\":3600000,\"ignoreClose\":true}}",
                token));
        String paymentId = payment.path("paymentId").asText();
        // The test server's port is known only now; the sandbox posts its notices there.
        jdbc.update(
                "UPDATE sandbox_payment SET notify_url = ? WHERE payment_id = ?",
                "http://127.0.0.1:" + port + "/api/v1/payment-notifications/sandbox",
                paymentId);
        jdbc.update(
                "UPDATE ticket_order SET pay_deadline = ? WHERE order_no = ?",
                LocalDateTime.now(ZoneOffset.UTC).minusMinutes(1),
                orderNo);
        expiry.expireDue();
        assertThat(orderStatus(orderNo)).isEqualTo("EXPIRED");
        return new LatePayment(orderNo, token, paymentId);
    }

    private record LatePayment(String orderNo, String token, String paymentId) {}

    /** The payer completes now: the sandbox settles the payment and posts its notice. */
    private void payerPaysNow(LatePayment late) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update(
                "UPDATE sandbox_payment SET pay_at = ?, notify_at = ? WHERE payment_id = ?", now, now, late.paymentId);
    }

    private String orderStatus(String orderNo) {
        return jdbc.queryForObject("SELECT status FROM ticket_order WHERE order_no = ?", String.class, orderNo);
    }

    private String paymentStatus(String paymentId) {
        return jdbc.queryForObject("SELECT status FROM payment WHERE payment_id = ?", String.class, paymentId);
    }

    private int noticesLeft(String paymentId) {
        return jdbc.queryForObject(
                "SELECT notices_left FROM sandbox_payment WHERE payment_id = ?", Integer.class, paymentId);
    }

    private int events(String type, String orderNo) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM outbox_event WHERE event_type = ? AND aggregate_id = ?",
                Integer.class,
                type,
                orderNo);
    }
}
