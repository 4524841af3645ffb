package com.wuhou.ticketing.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.IllegalTransactionStateException;

/** The trail on real MySQL, through HTTP: who, when, what, before and after, exactly for committed changes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class AuditTrailTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    AuditTrail trail;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldRecordWhoChangedWhatWithStateBeforeAndAfter() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant start = Instant.now().minusSeconds(1);

        assertThat(put(id, "{\"name\":\"lamp\",\"quantity\":1}", "alice", false)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(put(id, "{\"name\":\"lamp\",\"quantity\":3}", "bob", false)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);

        JsonNode records = records("?target=thing/" + id);
        assertThat(records).hasSize(2);
        JsonNode change = records.get(0);
        assertThat(change.path("actor").asText()).isEqualTo("bob");
        assertThat(change.path("action").asText()).isEqualTo("thing.change");
        assertThat(change.path("before").path("quantity").asInt()).isEqualTo(1);
        assertThat(change.path("after").path("quantity").asInt()).isEqualTo(3);
        assertThat(change.path("requestId").asText()).isEqualTo("req-bob");
        assertThat(Instant.parse(change.path("occurredAt").asText()))
                .isBetween(start, Instant.now().plus(Duration.ofSeconds(1)));
        JsonNode creation = records.get(1);
        assertThat(creation.path("actor").asText()).isEqualTo("alice");
        assertThat(creation.path("action").asText()).isEqualTo("thing.create");
        assertThat(creation.path("before").isNull()).isTrue();
        assertThat(creation.path("id").asLong()).isLessThan(change.path("id").asLong());
    }

    @Test
    void shouldRecordNothingWhenTheChangeRollsBack() throws Exception {
        String id = UUID.randomUUID().toString();

        ResponseEntity<String> failed = put(id, "{\"name\":\"vase\",\"quantity\":1}", "alice", true);

        assertThat(failed.getStatusCode().value()).isEqualTo(409);
        assertThat(records("?target=thing/" + id)).isEmpty();
    }

    @Test
    void shouldNameTheSystemWhenNoOperatorIsBehindTheChange() throws Exception {
        String id = UUID.randomUUID().toString();

        put(id, "{\"name\":\"bowl\",\"quantity\":2}", null, false);

        assertThat(records("?target=thing/" + id).get(0).path("actor").asText()).isEqualTo(AuditTrail.SYSTEM);
    }

    @Test
    void shouldPageNewestFirstAndRefuseABadLimit() throws Exception {
        String id = UUID.randomUUID().toString();
        for (int i = 1; i <= 3; i++) {
            put(id, "{\"name\":\"cup\",\"quantity\":" + i + "}", "alice", false);
        }

        JsonNode first = records("?target=thing/" + id + "&limit=2");
        JsonNode second = records("?target=thing/" + id + "&limit=2&beforeId="
                + first.get(1).path("id").asLong());
        ResponseEntity<String> tooMany = http.getForEntity("/admin/v1/audit-records?limit=501", String.class);

        assertThat(first)
                .extracting(r -> r.path("after").path("quantity").asInt())
                .containsExactly(3, 2);
        assertThat(second)
                .extracting(r -> r.path("after").path("quantity").asInt())
                .containsExactly(1);
        assertThat(tooMany.getStatusCode().value()).isEqualTo(422);
        assertThat(json.readTree(tooMany.getBody()).path("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void shouldRefuseToRecordOutsideATransaction() {
        assertThatThrownBy(() -> trail.record("thing.change", "thing/x", null, "y"))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    private ResponseEntity<String> put(String id, String body, String operator, boolean fail) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (operator != null) {
            headers.set(AuditTestApplication.TEST_OPERATOR, operator);
            headers.set("X-Request-Id", "req-" + operator);
        }
        return http.exchange(
                "/things/" + id + "?fail=" + fail, HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
    }

    private JsonNode records(String query) throws Exception {
        ResponseEntity<String> answer = http.getForEntity("/admin/v1/audit-records" + query, String.class);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return json.readTree(answer.getBody()).path("records");
    }
}
