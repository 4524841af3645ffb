package com.wuhou.ticketing.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On Kubernetes Spring Boot honours {@code Forwarded} and {@code X-Forwarded-*} by default; the gateway
 * must not: a caller would pick its own rate-limit bucket, and with {@code X-Forwarded-Prefix} make the
 * access rule read a public path while the route serves an operator one.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.cloud-platform=kubernetes")
@ActiveProfiles("test")
@RealInfrastructure
class ForwardedHeadersTests {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        String route = "spring.cloud.gateway.server.webflux.routes";
        registry.add(route + "[0].id", () -> "admin");
        registry.add(route + "[0].uri", () -> "no://op");
        registry.add(route + "[0].predicates[0]", () -> "Path=/admin/v1/**");
        registry.add(route + "[1].id", () -> "login");
        registry.add(route + "[1].uri", () -> "no://op");
        registry.add(route + "[1].predicates[0]", () -> "Path=/api/v1/**");
        registry.add("ticketing.gateway.rate-limit.routes.login.replenish-rate", () -> 1);
        registry.add("ticketing.gateway.rate-limit.routes.login.burst-capacity", () -> 2);
        GatewayKeys.any(registry);
    }

    @Test
    void shouldJudgeTheOperatorPathAsSentWhateverPrefixACallerClaims() throws Exception {
        HttpResponse<String> prefixed = send(HttpRequest.newBuilder(uri("/admin/v1/devices"))
                .header("X-Forwarded-Prefix", "/api")
                .GET());
        HttpResponse<String> forwarded = send(HttpRequest.newBuilder(uri("/admin/v1/devices"))
                .header("Forwarded", "proto=https;host=example.org")
                .GET());

        assertThat(prefixed.statusCode()).as(prefixed.body()).isEqualTo(401);
        assertThat(forwarded.statusCode()).as(forwarded.body()).isEqualTo(401);
    }

    @Test
    void shouldKeepACallerInItsBucketWhateverAddressItClaims() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            // With no trusted proxy configured the TCP peer is the client, whatever the headers say.
            statuses.add(send(HttpRequest.newBuilder(uri("/api/v1/" + UUID.randomUUID()))
                            .header("X-Forwarded-For", "203.0.113." + i)
                            .header("Forwarded", "for=198.51.100." + i)
                            .GET())
                    .statusCode());
        }

        assertThat(statuses)
                .as("answers to one caller claiming eight addresses")
                .contains(429);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
