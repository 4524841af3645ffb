package com.wuhou.ticketing.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The routes as application.yml declares them, in front of a stand-in service reached through
 * discovery: order-service's routes wait for its answer longer than the others (a creation may take
 * longer than other calls, and a buyer must get its real outcome), yet not for ever; order recovery
 * has a tight rate limit of its own; callers beyond a route's concurrency limit are asked to come
 * back. Deadlines and limits are shortened here, their relations kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RealInfrastructure
class RouteDeadlineTests {

    private static final ScheduledExecutorService LATER = Executors.newScheduledThreadPool(4);
    private static final HttpServer SERVICE = slowService();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String service = "http://127.0.0.1:" + SERVICE.getAddress().getPort();
        registry.add("spring.cloud.discovery.client.simple.instances.order-service[0].uri", () -> service);
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri", () -> service);
        registry.add("GATEWAY_TIMEOUT", () -> "1s");
        registry.add("GATEWAY_RESPONSE_TIMEOUT", () -> "500ms");
        registry.add("GATEWAY_ORDER_TIMEOUT", () -> "3s");
        registry.add("GATEWAY_ROUTE_MAX_CONCURRENT_CALLS", () -> "4");
        GatewayKeys.any(registry);
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
        LATER.shutdownNow();
    }

    @Test
    void shouldPassAnOrderCreationThatTakesLongerThanOtherRoutesMayTake() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> created = send("POST", "/api/v1/orders?delayMillis=2000");
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void shouldStillGiveUpOnOrderServiceAtItsOwnDeadlineAndOnOtherServicesAtTheirs() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> order = send("POST", "/api/v1/orders?delayMillis=5000");
        long orderMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        HttpResponse<String> types = send("GET", "/api/v1/ticket-types?delayMillis=2000");
        long typesMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(order.statusCode()).isEqualTo(503);
        assertThat(orderMillis).isBetween(2_900L, 4_500L);
        assertThat(types.statusCode()).isEqualTo(503);
        assertThat(typesMillis).isLessThan(1_900);
    }

    @Test
    void shouldAskCallersBeyondARoutesConcurrencyLimitToComeBackRatherThanCallTheServiceFailed() throws Exception {
        // More refused calls than the breaker needs to judge a route (minimum-number-of-calls: 10).
        ExecutorService callers = Executors.newFixedThreadPool(24);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            calls.add(CompletableFuture.supplyAsync(
                    () -> sendUnchecked("GET", "/api/v1/ticket-types?delayMillis=400"), callers));
        }
        List<HttpResponse<String>> answers =
                calls.stream().map(CompletableFuture::join).toList();
        callers.shutdown();
        List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();

        assertThat(statuses).as("statuses").containsOnly(200, 429).contains(200, 429);
        HttpResponse<String> busy =
                answers.stream().filter(a -> a.statusCode() == 429).findFirst().orElseThrow();
        assertThat(busy.body()).contains("\"code\":\"BUSY\"");
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
        // Busy is not broken: the route's breaker stayed closed.
        assertThat(send("GET", "/api/v1/ticket-types").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRateLimitOrderRecoveriesPerClientMoreTightlyThanOtherPublicRoutes() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 8 && limited == null; i++) {
            HttpResponse<String> answer = send("POST", "/api/v1/order-recoveries");
            statuses.add(answer.statusCode());
            limited = answer.statusCode() == 429 ? answer : null;
        }

        assertThat(statuses.subList(0, 5)).as("a burst of five passes").doesNotContain(429);
        assertThat(limited).as("statuses %s", statuses).isNotNull();
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
    }

    private HttpResponse<String> sendUnchecked(String method, String pathWithQuery) {
        try {
            return send(method, pathWithQuery);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String pathWithQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathWithQuery))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "{}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Answers a POST with 201 and anything else with 200, after {@code delayMillis} when asked. */
    private static HttpServer slowService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                String query = exchange.getRequestURI().getQuery();
                long delay = query != null && query.startsWith("delayMillis=")
                        ? Long.parseLong(query.substring("delayMillis=".length()))
                        : 0;
                LATER.schedule(() -> answer(exchange), delay, TimeUnit.MILLISECONDS);
            });
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange) {
        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, body.length);
            out.write(body);
        } catch (IOException e) {
            // The gateway gave up and closed the connection: nobody is listening any more.
        }
    }
}
