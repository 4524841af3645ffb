package com.wuhou.ticketing.order.payment.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.order.payment.PaymentNotice;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The sandbox's outgoing side: posts signed notices for payments whose payer has finished, once per
 * requested notice, and retries with growing pauses until the platform answers 2xx (as providers do).
 */
@Component
@ConditionalOnProperty(name = "ticketing.payment.sandbox.enabled", havingValue = "true")
class SandboxNotifier {

    private static final Logger log = LoggerFactory.getLogger(SandboxNotifier.class);
    private static final Duration CLAIM = Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;
    private final SandboxPaymentProvider provider;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    // Providers deliver notices in parallel; one slow delivery must not hold up the others.
    private final ExecutorService senders = Executors.newFixedThreadPool(8, task -> {
        Thread thread = new Thread(task, "sandbox-notice");
        thread.setDaemon(true);
        return thread;
    });

    SandboxNotifier(JdbcTemplate jdbc, SandboxPaymentProvider provider, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.provider = provider;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ticketing.payment.sandbox.poll-interval:200ms}")
    void sendDueNotices() {
        Instant now = clock.instant();
        List<CompletableFuture<Void>> sending = new ArrayList<>();
        List<Map<String, Object>> due = jdbc.queryForList(
                "SELECT payment_id, notify_at FROM sandbox_payment WHERE notices_left > 0 AND notify_at <= ?"
                        + " ORDER BY notify_at LIMIT 50",
                Timestamp.from(now));
        for (Map<String, Object> row : due) {
            String paymentId = (String) row.get("payment_id");
            // Claim it, so another instance's notifier does not send the same notice at the same time.
            int claimed = jdbc.update(
                    "UPDATE sandbox_payment SET notify_at = ? WHERE payment_id = ? AND notify_at = ?",
                    Timestamp.from(now.plus(CLAIM)),
                    paymentId,
                    row.get("notify_at"));
            if (claimed == 1) {
                sending.add(CompletableFuture.runAsync(() -> sendQuietly(paymentId), senders));
            }
        }
        CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    private void sendQuietly(String paymentId) {
        try {
            send(paymentId);
        } catch (RuntimeException e) {
            log.warn("Sandbox notice for {} failed; it is tried again after its claim lapses", paymentId, e);
        }
    }

    private void send(String paymentId) {
        provider.settleIfDue(paymentId);
        Map<String, Object> payment = jdbc.queryForMap("SELECT * FROM sandbox_payment WHERE payment_id = ?", paymentId);
        String status = (String) payment.get("status");
        if (!status.equals("SUCCEEDED") && !status.equals("FAILED")) {
            jdbc.update("UPDATE sandbox_payment SET notices_left = 0 WHERE payment_id = ?", paymentId);
            return;
        }
        Instant now = clock.instant();
        PaymentNotice notice = new PaymentNotice(
                paymentId, "SBX-" + paymentId, status, ((Number) payment.get("amount_fen")).longValue(), now);
        int attempts = ((Number) payment.get("attempts")).intValue();
        if (deliver(notice, (String) payment.get("notify_url"))) {
            // A second notice (when asked for) follows shortly, as duplicate deliveries do.
            jdbc.update(
                    "UPDATE sandbox_payment SET notices_left = notices_left - 1, attempts = 0, notify_at = ?"
                            + " WHERE payment_id = ?",
                    Timestamp.from(now.plusMillis(100)),
                    paymentId);
        } else {
            Duration pause = Duration.ofSeconds(Math.min(60, 1L << Math.min(attempts, 6)));
            jdbc.update(
                    "UPDATE sandbox_payment SET attempts = attempts + 1, notify_at = ? WHERE payment_id = ?",
                    Timestamp.from(now.plus(pause)),
                    paymentId);
        }
    }

    private boolean deliver(PaymentNotice notice, String url) {
        try {
            String body = json.writeValueAsString(notice);
            long timestamp = clock.millis();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header(SandboxSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(
                            SandboxSignature.SIGNATURE_HEADER,
                            provider.signature().sign(timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return true;
            }
            log.warn(
                    "Sandbox notice for {} answered {}: {}",
                    notice.paymentId(),
                    response.statusCode(),
                    response.body());
            return false;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            log.warn("Sandbox notice for {} not delivered: {}", notice.paymentId(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
