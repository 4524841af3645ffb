package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A request id given by the caller comes back and can be found in the logs of the service that answered. */
class RequestIdTests {

    @Test
    void shouldEchoCallersIdAndLogItInServiceWhenRequestIsRouted() {
        String requestId = "e2e-" + UUID.randomUUID();

        HttpResponse<String> response = Platform.get("/api/v1/orders/e2e-probe/none", "X-Request-Id", requestId);

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(requestId);
        assertThat(Platform.json(response).path("requestId").asText()).isEqualTo(requestId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(Platform.log("order-service"))
                    .containsPattern("\\[order-service," + requestId + "\\].*GET /api/v1/orders/e2e-probe/none -> 404");
            assertThat(Platform.log("gateway-service")).contains(requestId);
        });
    }

    @Test
    void shouldCreateIdWhenCallerSendsNoneOrAnUnsafeOne() {
        HttpResponse<String> none = Platform.get("/api/v1/orders/e2e-probe/none");
        HttpResponse<String> unsafe =
                Platform.get("/api/v1/orders/e2e-probe/none", "X-Request-Id", "bad id with spaces");

        assertThat(none.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
        assertThat(unsafe.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }
}
