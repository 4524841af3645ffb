package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The dashboard API route is limited to 5 requests/s with bursts of 10 per client IP (gateway
 * configuration), so 30 requests at once must meet 429s with Retry-After, and service resumes after it.
 */
class RateLimitTests {

    @Test
    void shouldAnswer429WithRetryAfterWhenClientExceedsRouteLimit() throws Exception {
        List<HttpResponse<String>> responses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> Platform.get("/decision/v1/e2e-probe/none"), pool));
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                responses.add(call.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<HttpResponse<String>> limited =
                responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).as("429 answers among 30 burst requests").isNotEmpty();
        assertThat(responses.stream().filter(r -> r.statusCode() == 404).count())
                .as("requests within the burst reach the service")
                .isGreaterThanOrEqualTo(5);
        HttpResponse<String> first = limited.get(0);
        Platform.assertProblem(first, 429, "RATE_LIMITED");
        long retryAfter =
                Long.parseLong(first.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);

        await().pollDelay(Duration.ofSeconds(retryAfter))
                .atMost(Duration.ofSeconds(retryAfter + 10))
                .untilAsserted(() -> assertThat(
                                Platform.get("/decision/v1/e2e-probe/none").statusCode())
                        .isEqualTo(404));
    }
}
