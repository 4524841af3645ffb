package com.wuhou.ticketing.order.payment.sandbox;

import com.wuhou.ticketing.order.payment.PaymentProvider;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A payment provider for tests and the devstack that behaves like a real one: the payer "pays" after a
 * while, the provider then posts a signed notice to the platform (retrying until it is accepted), it
 * answers status queries, closes unpaid payments and refunds. A buyer's request may direct it with
 * {@code sandbox: {payAfterMillis, notifyDelayMillis, outcome: SUCCESS|FAIL, notices: 1-3,
 * ignoreClose}}; {@code ignoreClose} plays the race where the payer pays just as the platform closes
 * the payment, so a success notice arrives after the order expired.
 */
@Component
@ConditionalOnProperty(name = "ticketing.payment.sandbox.enabled", havingValue = "true")
public class SandboxPaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(SandboxPaymentProvider.class);
    private static final Set<String> OPTIONS =
            Set.of("payAfterMillis", "notifyDelayMillis", "outcome", "notices", "ignoreClose");

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SandboxProperties properties;
    private final SandboxSignature signature;
    private final String notifyUrl;

    SandboxPaymentProvider(
            JdbcTemplate jdbc, Clock clock, SandboxProperties properties, @Value("${server.port:8101}") int port) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        byte[] secret;
        if (properties.secret() == null || properties.secret().isBlank()) {
            log.warn("No ticketing.payment.sandbox.secret: signing sandbox notices with a key made at start-up");
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        } else {
            secret = Base64.getDecoder().decode(properties.secret().strip());
        }
        this.signature = new SandboxSignature(secret, clock);
        this.notifyUrl =
                properties.notifyUrl() == null || properties.notifyUrl().isBlank()
                        ? "http://127.0.0.1:" + port + "/api/v1/payment-notifications/sandbox"
                        : properties.notifyUrl();
    }

    @Override
    public String method() {
        return "SANDBOX";
    }

    /** Checks the platform's side of a notice. */
    public SandboxSignature signature() {
        return signature;
    }

    @Override
    public void create(String paymentId, long amountFen, Map<String, Object> options) {
        Map<String, Object> o = options == null ? Map.of() : options;
        for (String key : o.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("unknown sandbox option " + key + "; known: " + OPTIONS);
            }
        }
        Duration payAfter = millis(o, "payAfterMillis", properties.payAfter());
        Duration notifyDelay = millis(o, "notifyDelayMillis", Duration.ZERO);
        String outcome = String.valueOf(o.getOrDefault("outcome", "SUCCESS"));
        if (!outcome.equals("SUCCESS") && !outcome.equals("FAIL")) {
            throw new IllegalArgumentException("sandbox outcome is SUCCESS or FAIL");
        }
        int notices = number(o, "notices", 1);
        if (notices < 1 || notices > 3) {
            throw new IllegalArgumentException("sandbox notices is 1 to 3");
        }
        Instant now = clock.instant();
        Instant payAt = now.plus(payAfter);
        jdbc.update(
                "INSERT INTO sandbox_payment (payment_id, amount_fen, status, outcome, pay_at, notify_at, notices_left,"
                        + " attempts, ignore_close, refunded_fen, notify_url, created_at)"
                        + " VALUES (?, ?, 'PROCESSING', ?, ?, ?, ?, 0, ?, 0, ?, ?)",
                paymentId,
                amountFen,
                outcome,
                Timestamp.from(payAt),
                Timestamp.from(payAt.plus(notifyDelay)),
                notices,
                Boolean.TRUE.equals(o.get("ignoreClose")),
                notifyUrl,
                Timestamp.from(now));
    }

    @Override
    public ProviderStatus status(String paymentId) {
        settleIfDue(paymentId);
        List<String> status =
                jdbc.queryForList("SELECT status FROM sandbox_payment WHERE payment_id = ?", String.class, paymentId);
        if (status.isEmpty()) {
            // Never created here (its start failed): it can never succeed.
            return ProviderStatus.CLOSED;
        }
        return ProviderStatus.valueOf(status.get(0));
    }

    @Override
    public ProviderStatus close(String paymentId) {
        settleIfDue(paymentId);
        jdbc.update(
                "UPDATE sandbox_payment SET status = 'CLOSED', notices_left = 0"
                        + " WHERE payment_id = ? AND status = 'PROCESSING' AND NOT ignore_close",
                paymentId);
        ProviderStatus status = status(paymentId);
        // ignoreClose: the provider answered "closed" but the payer's payment still goes through.
        return status == ProviderStatus.PROCESSING ? ProviderStatus.CLOSED : status;
    }

    @Override
    public void refund(String paymentId, String refundId, long amountFen) {
        // Idempotent per refund id, as providers are: a refund id is recorded once.
        int recorded = jdbc.update(
                "INSERT IGNORE INTO sandbox_refund (refund_id, payment_id, amount_fen, created_at) VALUES (?, ?, ?, ?)",
                refundId,
                paymentId,
                amountFen,
                Timestamp.from(clock.instant()));
        if (recorded == 0) {
            return;
        }
        int updated = jdbc.update(
                "UPDATE sandbox_payment SET refunded_fen = refunded_fen + ?"
                        + " WHERE payment_id = ? AND status = 'SUCCEEDED' AND refunded_fen + ? <= amount_fen",
                amountFen,
                paymentId,
                amountFen);
        if (updated == 0) {
            jdbc.update("DELETE FROM sandbox_refund WHERE refund_id = ?", refundId);
            throw new IllegalStateException("sandbox cannot refund " + amountFen + " fen of payment " + paymentId);
        }
    }

    /** The payer has paid (or failed) once their time has come. */
    void settleIfDue(String paymentId) {
        jdbc.update(
                "UPDATE sandbox_payment SET status = IF(outcome = 'SUCCESS', 'SUCCEEDED', 'FAILED')"
                        + " WHERE payment_id = ? AND status = 'PROCESSING' AND pay_at <= ?",
                paymentId,
                Timestamp.from(clock.instant()));
    }

    String notifyUrl() {
        return notifyUrl;
    }

    private static Duration millis(Map<String, Object> options, String key, Duration fallback) {
        int value = number(options, key, (int) fallback.toMillis());
        if (value < 0 || value > 3_600_000) {
            throw new IllegalArgumentException("sandbox " + key + " is 0 to 3600000");
        }
        return Duration.ofMillis(value);
    }

    private static int number(Map<String, Object> options, String key, int fallback) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        throw new IllegalArgumentException("sandbox " + key + " must be a number");
    }
}
