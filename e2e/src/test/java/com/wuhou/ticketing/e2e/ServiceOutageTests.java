package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A stopped service gives a quick 503 problem at the gateway, and routing recovers when it returns. */
class ServiceOutageTests {

    private static final String SERVICE = "report-service";
    private static final String PROBE = "/report/v1/e2e-probe/none";

    @Test
    void shouldAnswer503WithinTimeoutAndRecoverWhenServiceStopsAndReturns() {
        assertThat(Platform.get(PROBE).statusCode()).isEqualTo(404);

        Platform.devstack("stop", SERVICE);

        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = Platform.get(PROBE);
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            Platform.assertProblem(response, 503, "SERVICE_UNAVAILABLE");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            // The gateway's promise is an answer within its 6 s time limit, however the service fails.
            assertThat(elapsedMillis).as("time to the 503").isLessThan(6_500);
        }

        Platform.devstack("start", SERVICE);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    HttpResponse<String> response = Platform.get(PROBE);
                    assertThat(response.statusCode()).isEqualTo(404);
                    assertThat(response.headers().firstValue("X-Served-By")).hasValue(SERVICE);
                });
    }

    @AfterAll
    static void leavePlatformWhole() {
        // If the test failed half-way, bring the service back so later tests see a whole platform.
        Platform.devstack("start", SERVICE);
    }
}
