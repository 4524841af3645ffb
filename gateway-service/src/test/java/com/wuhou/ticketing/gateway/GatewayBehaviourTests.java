package com.wuhou.ticketing.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.wuhou.ticketing.platform.operatortoken.OperatorTokens;
import com.wuhou.ticketing.platform.signedrequest.KeyRecords;
import com.wuhou.ticketing.platform.signedrequest.SecretBox;
import com.wuhou.ticketing.platform.signedrequest.SignedRequests;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's own behaviour against a stand-in backend on this machine: request ids, problem
 * documents for unknown paths and dead or slow services, idempotent-only retries, and rate limits
 * (Redis is real).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RealInfrastructure
class GatewayBehaviourTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Backend BACKEND = new Backend();
    private static final int DEAD_PORT = freePort();
    private static final KeyPair OPERATOR_KEYS = OperatorTokens.generateKeyPair();
    private static final String SEALING_KEY = Base64.getEncoder().encodeToString(SecretBox.newSecret());

    // A plain client on purpose: Spring's test client retries 503 and 429 by itself and hides them.
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        String prefix = "spring.cloud.gateway.server.webflux.routes";
        registry.add(prefix + "[0].id", () -> "stub");
        registry.add(prefix + "[0].uri", () -> "http://127.0.0.1:" + BACKEND.port());
        registry.add(prefix + "[0].predicates[0]", () -> "Path=/api/v1/**");
        registry.add(prefix + "[1].id", () -> "dead");
        registry.add(prefix + "[1].uri", () -> "http://127.0.0.1:" + DEAD_PORT);
        registry.add(prefix + "[1].predicates[0]", () -> "Path=/report/v1/**");
        registry.add(prefix + "[2].id", () -> "limited");
        registry.add(prefix + "[2].uri", () -> "http://127.0.0.1:" + BACKEND.port());
        registry.add(prefix + "[2].predicates[0]", () -> "Path=/decision/v1/**");
        registry.add(prefix + "[3].id", () -> "admin");
        registry.add(prefix + "[3].uri", () -> "http://127.0.0.1:" + BACKEND.port());
        registry.add(prefix + "[3].predicates[0]", () -> "Path=/admin/v1/**");
        registry.add(prefix + "[4].id", () -> "checkin");
        registry.add(prefix + "[4].uri", () -> "http://127.0.0.1:" + BACKEND.port());
        registry.add(prefix + "[4].predicates[0]", () -> "Path=/checkin/v1/**");
        registry.add(
                "ticketing.gateway.operator-token-public-key", () -> OperatorTokens.encode(OPERATOR_KEYS.getPublic()));
        registry.add("ticketing.gateway.signing-key-encryption-key", () -> SEALING_KEY);
        registry.add("ticketing.gateway.rate-limit.routes.limited.replenish-rate", () -> 1);
        registry.add("ticketing.gateway.rate-limit.routes.limited.burst-capacity", () -> 3);
        registry.add("resilience4j.timelimiter.configs.default.timeout-duration", () -> "1s");
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.stop();
    }

    @Test
    void shouldPassRequestIdToServiceAndBackWhenRouting() {
        HttpResponse<String> answer = get("/api/v1/echo", "X-Request-Id", "gw-test-1");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().allValues("X-Request-Id"))
                .as("the id once, though the service answers it too")
                .containsExactly("gw-test-1");
        assertThat(BACKEND.requestIds).contains("gw-test-1");
    }

    @Test
    void shouldAnswerProblem404WhenNoRouteMatches() throws Exception {
        HttpResponse<String> answer = get("/nowhere", "X-Request-Id", "gw-test-2");

        JsonNode problem = problem(answer, 404, "ROUTE_NOT_FOUND");
        assertThat(problem.path("requestId").asText()).isEqualTo("gw-test-2");
    }

    @Test
    void shouldAnswerProblem503WhenServiceIsDown() throws Exception {
        HttpResponse<String> answer = get("/report/v1/anything");

        problem(answer, 503, "SERVICE_UNAVAILABLE");
        assertThat(header(answer, "Retry-After")).isEqualTo("5");
    }

    @Test
    void shouldAnswerProblem503WithinTimeLimitWhenServiceIsSlow() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = get("/api/v1/slow");
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        problem(answer, 503, "SERVICE_UNAVAILABLE");
        assertThat(elapsedMillis).isLessThan(2_500);
    }

    @Test
    void shouldRetryGetButNotPostWhenServiceAnswers503() {
        HttpResponse<String> get = get("/api/v1/flaky-get");
        HttpResponse<String> post = post("/api/v1/flaky-post", "{}");

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(BACKEND.calls("/api/v1/flaky-get")).isEqualTo(2);
        assertThat(post.statusCode()).isEqualTo(503);
        assertThat(BACKEND.calls("/api/v1/flaky-post")).isEqualTo(1);
    }

    @Test
    void shouldAnswer429WithRetryAfterWhenClientExceedsRouteLimit() throws Exception {
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> answer = get("/decision/v1/echo");
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429 && limited == null) {
                limited = answer;
            }
        }

        assertThat(statuses.subList(0, 3)).containsOnly(200);
        assertThat(limited).as("a 429 among %s", statuses).isNotNull();
        problem(limited, 429, "RATE_LIMITED");
        assertThat(header(limited, "Retry-After")).isEqualTo("1");
    }

    @Test
    void shouldRefuseAdminPathsWithoutValidOperatorToken() throws Exception {
        String forged = OperatorTokens.issue(
                OperatorTokens.generateKeyPair().getPrivate(),
                "mallory",
                List.of("ADMIN"),
                Duration.ofMinutes(5),
                Clock.systemUTC());

        HttpResponse<String> none = get("/admin/v1/sessions");
        HttpResponse<String> wrongKey = get("/admin/v1/sessions", "Authorization", "Bearer " + forged);

        for (HttpResponse<String> answer : List.of(none, wrongKey)) {
            problem(answer, 401, "UNAUTHORIZED");
            assertThat(header(answer, "WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(BACKEND.calls("/admin/v1/sessions")).isZero();
    }

    @Test
    void shouldPassTheOperatorTokenOnForTheServiceToVerifyAgain() {
        String token = OperatorTokens.issue(
                OPERATOR_KEYS.getPrivate(), "alice", List.of("ADMIN"), Duration.ofMinutes(5), Clock.systemUTC());

        HttpResponse<String> answer = get("/admin/v1/devices", "Authorization", "Bearer " + token);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(BACKEND.authorizations).contains("Bearer " + token);
    }

    /** Every protected prefix of the platform, as the routes name them. */
    static List<String> protectedPaths() {
        return List.of(
                "/admin/v1/devices",
                "/admin/v1/ticket-types/ADULT",
                "/admin/v1/calendar/2026-12-01",
                "/admin/v1/sessions",
                "/admin/v1/orders/W1",
                "/admin/v1/audit-records",
                "/admin/v1/channels",
                "/checkin/v1/verifications",
                "/checkin/v1/offline-package");
    }

    /** The ways a path can be spelled so that a router and a naive filter read it differently. */
    static List<String> spellingsOf(String path) {
        String first = path.substring(1, path.indexOf('/', 1));
        String rest = path.substring(path.indexOf('/', 1));
        String encodedFirstLetter = "%" + Integer.toHexString(first.charAt(0)) + first.substring(1);
        return List.of(
                "/" + encodedFirstLetter + rest,
                "/%25" + Integer.toHexString(first.charAt(0)) + first.substring(1) + rest,
                "/" + first + ";x" + rest,
                "/" + first + rest.replaceFirst("/v1", "/v1;a=b"),
                "/" + path,
                "/" + first + "/" + rest,
                "/." + path,
                "/api/%2e%2e" + path,
                "/api/%2E%2E" + path,
                "/" + first.toUpperCase(Locale.ROOT) + rest,
                "/" + Character.toUpperCase(first.charAt(0)) + first.substring(1) + rest,
                path + "/");
    }

    static Stream<Arguments> protectedSpellings() {
        return protectedPaths().stream()
                .flatMap(path -> spellingsOf(path).stream().map(spelling -> Arguments.of(path, spelling)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("protectedSpellings")
    void shouldRefuseEveryOtherSpellingOfAProtectedPathWithoutReachingTheService(String path, String spelling)
            throws Exception {
        int before = BACKEND.totalCalls();

        HttpResponse<String> get = get(spelling);
        HttpResponse<String> post = post(spelling, "{}");

        for (HttpResponse<String> answer : List.of(get, post)) {
            problem(answer, 401, "UNAUTHORIZED");
            assertThat(header(answer, "WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(BACKEND.totalCalls()).as("calls that reached a service").isEqualTo(before);
    }

    @Test
    void shouldRefuseANonCanonicalPublicPathAsMalformed() throws Exception {
        int before = BACKEND.totalCalls();

        HttpResponse<String> encoded = get("/api/v1/%65cho");
        HttpResponse<String> dotted = get("/api/./v1/echo");
        // A service's own actuator, reached past the routes by climbing out of a routed path.
        HttpResponse<String> climbing = get("/api/v1/orders/../../../actuator/prometheus");
        HttpResponse<String> encodedClimbing = get("/api/v1/orders/%2e%2e/%2e%2e/%2e%2e/actuator/prometheus");

        problem(encoded, 400, "PATH_NOT_CANONICAL");
        problem(dotted, 400, "PATH_NOT_CANONICAL");
        problem(climbing, 400, "PATH_NOT_CANONICAL");
        problem(encodedClimbing, 400, "PATH_NOT_CANONICAL");
        assertThat(BACKEND.totalCalls()).isEqualTo(before);
    }

    @Test
    void shouldListEveryServiceDocumentWhenSwaggerUiAsksForItsConfig() throws Exception {
        HttpResponse<String> answer = get("/v3/api-docs/gateway/swagger-config");

        assertThat(answer.statusCode()).isEqualTo(200);
        List<String> urls = JSON.readTree(answer.body()).path("urls").findValuesAsText("url");
        assertThat(urls)
                .containsExactlyInAnyOrder(
                        "/v3/api-docs/order-service",
                        "/v3/api-docs/inventory-service",
                        "/v3/api-docs/checkin-service",
                        "/v3/api-docs/channel-service",
                        "/v3/api-docs/report-service",
                        "/v3/api-docs/mobile-decision-service");
    }

    @Test
    void shouldPassASignedDeviceRequestWithItsBodyAndSignature() {
        byte[] secret = publish("dk_gwtest1", "device:41", true);
        String body = "{\"credential\":\"T1.x\",\"direction\":\"IN\"}";

        HttpResponse<String> answer =
                signedPost("dk_gwtest1", secret, "/checkin/v1/verifications?gate=N1", body, Clock.systemUTC());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(BACKEND.keyIds).contains("dk_gwtest1");
        assertThat(BACKEND.bodies).contains(body);
    }

    @Test
    void shouldRefuseReplaysRevokedAndUnknownKeysOldTimestampsAndChangedBodies() throws Exception {
        byte[] secret = publish("dk_gwtest2", "device:42", true);
        byte[] revokedSecret = publish("dk_gwtest3", "device:43", false);
        int before = BACKEND.calls("/checkin/v1/verifications");
        Map<String, String> headers = SignedRequests.sign(
                "dk_gwtest2",
                secret,
                "POST",
                "/checkin/v1/verifications",
                "{}".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC());

        HttpResponse<String> first = post("/checkin/v1/verifications", "{}", headers);
        HttpResponse<String> replay = post("/checkin/v1/verifications", "{}", headers);
        HttpResponse<String> changed = post(
                "/checkin/v1/verifications",
                "{\"a\":1}",
                SignedRequests.sign(
                        "dk_gwtest2",
                        secret,
                        "POST",
                        "/checkin/v1/verifications",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        Clock.systemUTC()));
        HttpResponse<String> revoked =
                signedPost("dk_gwtest3", revokedSecret, "/checkin/v1/verifications", "{}", Clock.systemUTC());
        HttpResponse<String> unknown =
                signedPost("dk_nobody", secret, "/checkin/v1/verifications", "{}", Clock.systemUTC());
        HttpResponse<String> old = signedPost(
                "dk_gwtest2",
                secret,
                "/checkin/v1/verifications",
                "{}",
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6)));
        HttpResponse<String> unsigned = post("/checkin/v1/verifications", "{}");

        assertThat(first.statusCode()).isEqualTo(200);
        problem(replay, 401, "NONCE_REUSED");
        problem(changed, 401, "BAD_SIGNATURE");
        problem(revoked, 401, "UNKNOWN_KEY");
        problem(unknown, 401, "UNKNOWN_KEY");
        problem(old, 401, "SIGNATURE_EXPIRED");
        problem(unsigned, 401, "BAD_SIGNATURE");
        assertThat(BACKEND.calls("/checkin/v1/verifications")).isEqualTo(before + 1);
    }

    @Test
    void shouldRefuseAKeyWhosePublishedRecordWasEditedInRedis() throws Exception {
        byte[] secret = publish("dk_gwtest4", "device:44", false);
        String record = redis.<String, String>opsForHash()
                .get(KeyRecords.REDIS_HASH, "dk_gwtest4")
                .block();
        String[] parts = record.split("\\|");
        redis.<String, String>opsForHash()
                .put(KeyRecords.REDIS_HASH, "dk_gwtest4", String.join("|", parts[0], "ACTIVE", parts[2], parts[3]))
                .block();
        redis.<String, String>opsForHash()
                .put(KeyRecords.REDIS_HASH, "dk_gwtest5", record.replace("REVOKED", "ACTIVE"))
                .block();
        int before = BACKEND.totalCalls();

        HttpResponse<String> reactivated =
                signedPost("dk_gwtest4", secret, "/checkin/v1/verifications", "{}", Clock.systemUTC());
        HttpResponse<String> moved =
                signedPost("dk_gwtest5", secret, "/checkin/v1/verifications", "{}", Clock.systemUTC());

        problem(reactivated, 401, "UNKNOWN_KEY");
        problem(moved, 401, "UNKNOWN_KEY");
        assertThat(BACKEND.totalCalls()).isEqualTo(before);
    }

    private byte[] publish(String keyId, String principal, boolean active) {
        byte[] secret = SecretBox.newSecret();
        redis.<String, String>opsForHash()
                .put(
                        KeyRecords.REDIS_HASH,
                        keyId,
                        KeyRecords.encode(keyId, principal, active, 1, secret, new SecretBox(SEALING_KEY)))
                .block();
        return secret;
    }

    private HttpResponse<String> signedPost(
            String keyId, byte[] secret, String pathWithQuery, String body, Clock clock) {
        return post(
                pathWithQuery,
                body,
                SignedRequests.sign(
                        keyId, secret, "POST", pathWithQuery, body.getBytes(StandardCharsets.UTF_8), clock));
    }

    private HttpResponse<String> post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request.build());
    }

    private HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.GET().build());
    }

    private HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String header(HttpResponse<String> answer, String name) {
        return answer.headers().firstValue(name).orElse(null);
    }

    private static JsonNode problem(HttpResponse<String> answer, int status, String code) throws IOException {
        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(header(answer, "Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("requestId").asText()).isEqualTo(header(answer, "X-Request-Id"));
        return problem;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stand-in service: echoes, sleeps, or fails once with 503, and remembers what it saw. */
    static final class Backend {

        final List<String> requestIds = new CopyOnWriteArrayList<>();
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        final List<String> keyIds = new CopyOnWriteArrayList<>();
        final List<String> bodies = new CopyOnWriteArrayList<>();
        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        private final HttpServer server;

        Backend() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                int call = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                requestIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")));
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (authorization != null) {
                    authorizations.add(authorization);
                }
                String keyId = exchange.getRequestHeaders().getFirst("X-Key-Id");
                if (keyId != null) {
                    keyIds.add(keyId);
                }
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                int status = 200;
                if (path.endsWith("/slow")) {
                    sleep(3_000);
                } else if (path.contains("/flaky") && call == 1) {
                    status = 503;
                }
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                // As the services do (RequestIdFilter): the id they were given, back in the answer.
                String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
                if (requestId != null) {
                    exchange.getResponseHeaders().set("X-Request-Id", requestId);
                }
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        int totalCalls() {
            return calls.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        int calls(String path) {
            AtomicInteger count = calls.get(path);
            return count == null ? 0 : count.get();
        }

        void stop() {
            server.stop(0);
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
