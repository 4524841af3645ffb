package com.wuhou.ticketing.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.platform.operatortoken.OperatorTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * What every business service must offer, checked against the real service on real MySQL and
 * Redis. A service's test extends this with its name and schema.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // tests switch metrics export off by default; the contract includes it
@ActiveProfiles("test")
@RealInfrastructure
public abstract class ServiceContractTests {

    private final String serviceName;
    private final String productionSchema;

    /** A client that sends paths exactly as written (no encoding, no normalising). */
    private static final HttpClient RAW =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    private int port;

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private Environment environment;

    @Autowired
    private ObjectMapper objectMapper;

    protected ServiceContractTests(String serviceName, String productionSchema) {
        this.serviceName = serviceName;
        this.productionSchema = productionSchema;
    }

    @Test
    void shouldReportReadyWhenDatabaseAndRedisAnswer() throws Exception {
        ResponseEntity<String> readiness = http.getForEntity("/actuator/health/readiness", String.class);
        ResponseEntity<String> liveness = http.getForEntity("/actuator/health/liveness", String.class);

        assertThat(readiness.getStatusCode().value()).isEqualTo(200);
        assertThat(json(readiness).path("status").asText()).isEqualTo("UP");
        assertThat(liveness.getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
        assertThat(health.getBody()).contains("\"status\":\"UP\"");
    }

    @Test
    void shouldExposePrometheusMetricsTaggedWithServiceWhenScraped() {
        ResponseEntity<String> metrics = http.getForEntity("/actuator/prometheus", String.class);

        assertThat(metrics.getStatusCode().value()).isEqualTo(200);
        assertThat(metrics.getBody())
                .contains("jvm_memory_used_bytes")
                .contains("hikaricp_connections")
                .contains("application=\"" + serviceName + "\"");
    }

    @Test
    void shouldServeOpenApiDocumentWhenAsked() throws Exception {
        ResponseEntity<String> document = http.getForEntity("/v3/api-docs", String.class);

        assertThat(document.getStatusCode().value()).isEqualTo(200);
        assertThat(json(document).path("openapi").asText()).startsWith("3.");
    }

    @Test
    void shouldAnswerProblemWithRequestIdWhenPathIsUnknown() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Request-Id", "contract-test-1");
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        ResponseEntity<String> answer =
                http.exchange("/api/v1/no-such-thing", HttpMethod.GET, new HttpEntity<>(headers), String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getHeaders().getFirst("X-Request-Id")).isEqualTo("contract-test-1");
        assertThat(answer.getHeaders().getFirst("X-Served-By")).isEqualTo(serviceName);
        JsonNode problem = json(answer);
        assertThat(problem.path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(problem.path("requestId").asText()).isEqualTo("contract-test-1");
    }

    /**
     * Defence in depth: what reaches the service without the gateway (or past a gateway that erred)
     * is refused by the service itself, whatever headers claim an identity and however the path is
     * spelled.
     */
    @Test
    void shouldRefuseProtectedPathsWithoutACredentialItVerifiedItself() throws Exception {
        String forged = "Bearer "
                + OperatorTokens.issue(
                        OperatorTokens.generateKeyPair().getPrivate(),
                        "mallory",
                        List.of("ADMIN"),
                        Duration.ofMinutes(5),
                        Clock.systemUTC());
        List<String> paths = List.of(
                "/admin/v1/anything",
                "/%61dmin/v1/anything",
                "/admin;x/v1/anything",
                "//admin/v1/anything",
                "/ADMIN/v1/anything",
                "/checkin/v1/anything",
                "/%63heckin/v1/anything");
        for (String path : paths) {
            for (String authorization : new String[] {null, forged}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("X-Operator", "root")
                        .header("X-Operator-Roles", "ADMIN")
                        .header("X-Signed-Principal", "device:1")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"));
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<String> answer = RAW.send(request.build(), HttpResponse.BodyHandlers.ofString());

                assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(401);
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(objectMapper.readTree(answer.body()).path("code").asText())
                        .isIn("UNAUTHORIZED", "BAD_SIGNATURE");
            }
        }
    }

    @Test
    void shouldLetAnOperatorWithAValidTokenThrough() throws Exception {
        HttpResponse<String> answer = RAW.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/v1/no-such-thing"))
                        .header("Authorization", TestOperators.bearer("contract-tester", "ADMIN"))
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isNotEqualTo(401).isNotEqualTo(403);
    }

    @Test
    void shouldMigrateItsOwnSchemaWhenStarted() throws Exception {
        String schema = jdbc.queryForObject("SELECT DATABASE()", String.class);
        Integer applied = jdbc.queryForObject(
                "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1 AND version = '0.1'", Integer.class);
        Integer undoLog = jdbc.queryForObject(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'undo_log'",
                Integer.class);

        assertThat(schema).isEqualTo(environment.getProperty("ticketing.service.schema"));
        assertThat(applied).isEqualTo(1);
        assertThat(undoLog).isEqualTo(1);
        // Outside tests the service uses the schema it owns, named in its own application.yml.
        assertThat(new YamlPropertySourceLoader()
                        .load("application", new ClassPathResource("application.yml"))
                        .get(0)
                        .getProperty("ticketing.service.schema"))
                .hasToString(productionSchema);
    }

    @Test
    void shouldUseOwnSeataTransactionGroupWhenConfigured() {
        assertThat(environment.getProperty("spring.application.name")).isEqualTo(serviceName);
        assertThat(environment.getProperty("seata.tx-service-group")).isEqualTo(serviceName + "-tx-group");
        assertThat(environment.getProperty("seata.service.vgroup-mapping." + serviceName + "-tx-group"))
                .isEqualTo("default");
    }

    private JsonNode json(ResponseEntity<String> response) throws Exception {
        return objectMapper.readTree(response.getBody());
    }
}
