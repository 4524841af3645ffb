package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every public path prefix reaches the service that owns it; anything else, the gateway's own actuator among it,
 * is the gateway's 404.
 */
class RoutingTests {

    @ParameterizedTest(name = "{0} is served by {1}")
    @CsvSource({
        "/api/v1/orders/e2e-probe/none, order-service",
        "/admin/v1/auth/e2e-probe/none, order-service",
        "/api/v1/ticket-types/e2e-probe/none, inventory-service",
        "/api/v1/availability/e2e-probe/none, inventory-service",
        "/admin/v1/sessions/e2e-probe/none, inventory-service",
        "/admin/v1/calendar/e2e-probe/none, inventory-service",
        "/checkin/v1/e2e-probe/none, checkin-service",
        "/admin/v1/devices/e2e-probe/none, checkin-service",
        "/channel/v1/e2e-probe/none, channel-service",
        "/admin/v1/channels/e2e-probe/none, channel-service",
        "/report/v1/e2e-probe/none, report-service",
        "/decision/v1/e2e-probe/none, mobile-decision-service",
        "/m/e2e-probe/none, mobile-decision-service"
    })
    void shouldReachOwningServiceWhenPathHasItsPrefix(String path, String service) {
        HttpResponse<String> response;
        if (path.startsWith("/admin/")) {
            response = Platform.get(path, "Authorization", "Bearer " + Platform.operatorToken());
        } else if (path.startsWith("/checkin/")) {
            response = Devices.signedGet(path); // gate devices sign every request
        } else {
            response = Platform.get(path);
        }

        // The service itself answers (a probe path has no resource there): its 404, not the gateway's.
        assertThat(response.headers().firstValue("X-Served-By")).hasValue(service);
        Platform.assertProblem(response, 404, "NOT_FOUND");
    }

    @Test
    void shouldAnswerProblem404WhenNoRouteMatches() {
        HttpResponse<String> response = Platform.get("/no-such-api/v9/things");

        JsonNode problem = Platform.assertProblem(response, 404, "ROUTE_NOT_FOUND");
        assertThat(problem.path("detail").asText()).contains("/no-such-api/v9/things");
        assertThat(response.headers().firstValue("X-Served-By")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/prometheus", "/actuator/gateway/routes"})
    void shouldAnswerProblem404WhenActuatorIsAskedOnThePublicPort(String path) {
        HttpResponse<String> response = Platform.get(path);

        Platform.assertProblem(response, 404, "ROUTE_NOT_FOUND");
        assertThat(response.headers().firstValue("X-Served-By")).isEmpty();
    }

    @Test
    void shouldReportHealthAndMetricsWhenGatewayManagementPortIsAsked() {
        HttpResponse<String> health = Platform.get(Platform.gatewayManagement() + "/actuator/health");
        HttpResponse<String> metrics = Platform.get(Platform.gatewayManagement() + "/actuator/prometheus");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Platform.json(health).path("status").asText()).isEqualTo("UP");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"gateway-service\"");
    }
}
