package com.wuhou.ticketing.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.wuhou.ticketing.order.api.SoldOut;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The release rush after the last place: once order-service has answered a session as sold out, the
 * gateway (its real routes, real Redis) refuses further orders of that size from memory, with the same
 * problem, without passing them on; it never refuses what may be the retry of an order made, and it
 * lets one buyer through to ask again when its memo lapses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RealInfrastructure
class SoldOutAtTheEdgeTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SOLD_OUT_SESSION = 7;
    private static final long OPEN_SESSION = 8;
    /** Order-service's answer for the sold-out session: orders of this many places or more do not fit. */
    private static final AtomicInteger FITS_BELOW = new AtomicInteger(2);

    private static final AtomicInteger ORDER_CALLS = new AtomicInteger();
    /** When set, order-service answers only once it is counted down: a buyer stays in flight meanwhile. */
    private static final AtomicReference<CountDownLatch> HOLD_ANSWERS = new AtomicReference<>();

    private static final HttpServer ORDER_SERVICE = orderService();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String service = "http://127.0.0.1:" + ORDER_SERVICE.getAddress().getPort();
        registry.add("spring.cloud.discovery.client.simple.instances.order-service[0].uri", () -> service);
        registry.add("ticketing.gateway.sold-out-memo", () -> "1500ms");
        GatewayKeys.any(registry);
    }

    @AfterAll
    static void stop() {
        ORDER_SERVICE.stop(0);
    }

    @BeforeEach
    void soldOutForTwoOrMore() throws Exception {
        FITS_BELOW.set(2);
        HOLD_ANSWERS.set(null);
        // Teach the gateway: order-service refuses an order of two places as sold out.
        HttpResponse<String> first = order(SOLD_OUT_SESSION, 2, newKey());
        assertThat(first.statusCode()).isEqualTo(409);
        ORDER_CALLS.set(0);
    }

    @Test
    void shouldRefuseLaterOrdersOfThatSizeFromMemoryWithTheSameProblemAndWithoutTheHint() throws Exception {
        HttpResponse<String> two = order(SOLD_OUT_SESSION, 2, newKey());
        HttpResponse<String> three = order(SOLD_OUT_SESSION, 3, null);

        for (HttpResponse<String> refused : List.of(two, three)) {
            assertThat(refused.statusCode()).isEqualTo(409);
            JsonNode problem = JSON.readTree(refused.body());
            assertThat(problem.path("code").asText()).isEqualTo("SOLD_OUT");
            assertThat(problem.path("detail").asText()).isEqualTo(SoldOut.DETAIL);
            assertThat(refused.headers().firstValue(SoldOut.HEADER)).isEmpty();
        }
        assertThat(ORDER_CALLS.get()).as("orders passed on to order-service").isZero();
    }

    @Test
    void shouldPassOnSmallerOrdersOtherSessionsAndAnyKeyAlreadyUsedForAnAttempt() throws Exception {
        String usedKey = newKey();
        redis.opsForValue()
                .set(SoldOut.attemptKey(usedKey), "1", Duration.ofMinutes(1))
                .block();

        HttpResponse<String> retry = order(SOLD_OUT_SESSION, 2, usedKey);
        assertThat(order(OPEN_SESSION, 4, newKey()).statusCode()).isEqualTo(201);
        assertThat(order(SOLD_OUT_SESSION, 1, newKey()).statusCode()).isEqualTo(201);

        // The retry is order-service's to answer (here: sold out again, from the service itself), and
        // its hint stays inside the platform.
        assertThat(retry.statusCode()).isEqualTo(409);
        assertThat(retry.headers().firstValue(SoldOut.HEADER)).isEmpty();
        assertThat(ORDER_CALLS.get()).isEqualTo(3);
    }

    @Test
    void shouldLetOneBuyerAskAgainWhenTheMemoLapsesAndSellToAllOnceAPlaceWasSold() throws Exception {
        FITS_BELOW.set(100); // a place came back meanwhile
        CountDownLatch answer = new CountDownLatch(1);
        HOLD_ANSWERS.set(answer);
        // Buyers keep coming: refused at the gateway until the memo (1.5 s) lapses, then one is let through.
        List<CompletableFuture<HttpResponse<String>>> asked = new ArrayList<>();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    asked.add(HTTP.sendAsync(
                            orderRequest(SOLD_OUT_SESSION, 2, newKey()), HttpResponse.BodyHandlers.ofString()));
                    return ORDER_CALLS.get() == 1;
                });
        // While that buyer is being answered, everyone else is still refused.
        List<Integer> meanwhile = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            meanwhile.add(order(SOLD_OUT_SESSION, 2, newKey()).statusCode());
        }
        answer.countDown();
        List<Integer> statuses = asked.stream().map(f -> f.join().statusCode()).toList();

        assertThat(meanwhile).containsOnly(409);
        assertThat(ORDER_CALLS.get())
                .as("buyers let through to ask, of %s", statuses)
                .isEqualTo(1);
        assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        // That sale cleared the memo: the next buyer is asked about again at once.
        assertThat(order(SOLD_OUT_SESSION, 2, newKey()).statusCode()).isEqualTo(201);
    }

    @Test
    void shouldForgetTheMemoWhenTheBuyerLetThroughGetsAnyAnswerButSoldOut() throws Exception {
        // Refused at the gateway (409) until the memo lapses; the buyer let through then is refused by
        // order-service for a bad phone number.
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> HTTP.send(
                                        orderRequest(SOLD_OUT_SESSION, 2, newKey(), "not-a-phone"),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 422);

        // A bad request says nothing about places: the next buyer is asked about again, not refused.
        HttpResponse<String> next = order(SOLD_OUT_SESSION, 2, newKey());
        assertThat(next.statusCode()).isEqualTo(409);
        assertThat(ORDER_CALLS.get()).isEqualTo(2);
    }

    private HttpResponse<String> order(long session, int visitors, String key) throws Exception {
        return HTTP.send(orderRequest(session, visitors, key), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest orderRequest(long session, int visitors, String key) {
        return orderRequest(session, visitors, key, "13800000000");
    }

    private HttpRequest orderRequest(long session, int visitors, String key, String phone) {
        StringBuilder body = new StringBuilder("{\"contactPhone\":\"" + phone + "\",\"visitors\":[");
        for (int i = 0; i < visitors; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"name\":\"张三\",\"idType\":\"RESIDENT_ID\",\"ticketType\":\"ADULT\"}");
        }
        body.append("],\"sessionId\":").append(session).append('}');
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.build();
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private static boolean awaitRelease(CountDownLatch hold) {
        try {
            return hold.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sells any order in the open session; in the sold-out one, orders of {@link #FITS_BELOW} or more are refused. */
    private static HttpServer orderService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/v1/orders", exchange -> {
                ORDER_CALLS.incrementAndGet();
                CountDownLatch hold = HOLD_ANSWERS.get();
                if (hold != null && !awaitRelease(hold)) {
                    exchange.sendResponseHeaders(504, -1);
                    return;
                }
                JsonNode order = JSON.readTree(exchange.getRequestBody());
                long session = order.path("sessionId").asLong();
                int units = order.path("visitors").size();
                if (!order.path("contactPhone").asText().matches("\\d{11}")) {
                    byte[] invalid = "{\"status\":422,\"code\":\"VALIDATION_FAILED\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(422, invalid.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(invalid);
                    }
                    return;
                }
                boolean refused = session == SOLD_OUT_SESSION && units >= FITS_BELOW.get();
                byte[] body = (refused
                                ? "{\"status\":409,\"code\":\"SOLD_OUT\",\"detail\":\"" + SoldOut.DETAIL + "\"}"
                                : "{\"orderNo\":\"WH1\"}")
                        .getBytes(StandardCharsets.UTF_8);
                if (refused) {
                    exchange.getResponseHeaders().set(SoldOut.HEADER, SoldOut.hint(session, units));
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(refused ? 409 : 201, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
