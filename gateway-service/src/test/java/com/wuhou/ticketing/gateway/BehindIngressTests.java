package com.wuhou.ticketing.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway as production runs it: behind an ingress, so every request arrives from the ingress's address
 * with the visitor's address appended to {@code X-Forwarded-For}, and the ingress routes only the public port
 * (Redis is real).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // tests leave out the Prometheus endpoint otherwise
@ActiveProfiles("test")
@RealInfrastructure
class BehindIngressTests {

    private static final int BURST = 3;
    // Documentation addresses, a fresh one per visitor: a bucket from an earlier run may still be in Redis.
    private static final AtomicInteger NEXT_VISITOR =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 100));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        String route = "spring.cloud.gateway.server.webflux.routes[0]";
        registry.add(route + ".id", () -> "edge");
        // No service behind it: a request the filters let through ends in an empty 200.
        registry.add(route + ".uri", () -> "no://op");
        registry.add(route + ".predicates[0]", () -> "Path=/api/v1/**");
        registry.add("ticketing.gateway.trusted-proxies", () -> 1);
        registry.add("ticketing.gateway.rate-limit.routes.edge.replenish-rate", () -> 1);
        registry.add("ticketing.gateway.rate-limit.routes.edge.burst-capacity", () -> BURST);
        GatewayKeys.any(registry);
    }

    @Test
    void shouldGiveEachVisitorTheirOwnBucketWhenAllComeThroughOneIngress() throws Exception {
        String first = visitor();
        String second = visitor();

        List<Integer> firstStatuses = untilLimited(first);
        int secondStatus = forwarded(second).statusCode();

        assertThat(firstStatuses).as("the first visitor's answers").endsWith(429);
        assertThat(secondStatus)
                .as("the second visitor, behind the same ingress")
                .isEqualTo(200);
    }

    @Test
    void shouldKeepAVisitorInTheirBucketWhenTheyPrependForwardedForEntries() throws Exception {
        String visitor = visitor();
        assertThat(untilLimited(visitor)).endsWith(429);

        long started = System.nanoTime();
        List<Integer> spoofed = new ArrayList<>();
        for (int i = 1; i <= BURST + 2; i++) {
            // What the ingress passes on when the visitor sends "X-Forwarded-For: 198.51.100.<i>".
            spoofed.add(forwarded("198.51.100." + i + ", " + visitor).statusCode());
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        // The bucket gets one token back a second; fresh buckets would let every request through.
        assertThat(spoofed.stream().filter(status -> status == 200).count())
                .as("requests let through among %s", spoofed)
                .isLessThanOrEqualTo(1 + seconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/prometheus", "/actuator/gateway/routes", "/actuator/health", "/actuator"})
    void shouldAnswerProblem404WhenActuatorIsAskedOnThePublicPort(String path) throws Exception {
        HttpResponse<String> answer = get(port, path);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo("ROUTE_NOT_FOUND");
    }

    @Test
    void shouldServeHealthMetricsAndRoutesOnTheManagementPort() throws Exception {
        HttpResponse<String> readiness = get(managementPort, "/actuator/health/readiness");
        HttpResponse<String> metrics = get(managementPort, "/actuator/prometheus");
        HttpResponse<String> routes = get(managementPort, "/actuator/gateway/routes");

        assertThat(managementPort).isNotEqualTo(port);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(readiness.body()).path("status").asText()).isEqualTo("UP");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"gateway-service\"");
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(routes.body()).findValuesAsText("route_id")).contains("edge");
    }

    /** Requests as one visitor until the gateway answers 429 (a bounded number of tries). */
    private List<Integer> untilLimited(String visitor) throws IOException, InterruptedException {
        List<Integer> statuses = new ArrayList<>();
        while (statuses.size() < BURST + 10 && !statuses.contains(429)) {
            statuses.add(forwarded(visitor).statusCode());
        }
        return statuses;
    }

    private static String visitor() {
        return "203.0.113." + NEXT_VISITOR.getAndIncrement();
    }

    /** A request as the ingress forwards it: from the ingress's address, with its X-Forwarded-For. */
    private HttpResponse<String> forwarded(String forwardedFor) throws IOException, InterruptedException {
        return get(port, "/api/v1/ping", "X-Forwarded-For", forwardedFor);
    }

    private static HttpResponse<String> get(int port, String path, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
