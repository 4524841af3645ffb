package com.wuhou.ticketing.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The Idempotency-Key contract through real HTTP, with the records in real MySQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class IdempotentRequestsTests {

    private static final String LAMP = "{\"name\":\"lamp\",\"quantity\":2}";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    int port;

    @Autowired
    ThingController things;

    @Autowired
    IdempotentRequests idempotent;

    @Autowired
    IdempotencyRecords records;

    @Autowired
    IdempotencyRecordCleanup cleanup;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ObjectMapper json;

    private String key;

    @BeforeEach
    void freshKey() {
        key = "key-" + UUID.randomUUID();
    }

    @Test
    void shouldReplayFirstAnswerWhenSameKeyAndBodyComeAgain() throws Exception {
        HttpResponse<String> first = post("/things", key, LAMP);
        // The same request, as another client library would write it.
        HttpResponse<String> again = post("/things", key, "{ \"quantity\": 2,\n  \"name\": \"lamp\" }");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue(IdempotentRequests.REPLAYED_HEADER))
                .isEmpty();
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue(IdempotentRequests.REPLAYED_HEADER))
                .hasValue("true");
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(again.body()).isEqualTo(first.body());
        // Written verbatim: a JSON object, not a JSON string holding one.
        JsonNode thing = json.readTree(again.body());
        assertThat(thing.path("name").asText()).isEqualTo("lamp");
        assertThat(thing.path("id").asText()).isEqualTo(things.runs.get(key).get(0));
        assertThat(things.runs.get(key)).hasSize(1);
        assertThat(state(key)).isEqualTo("DONE");
    }

    @Test
    void shouldAnswerKeyReusedWhenSameKeyComesWithDifferentBody() throws Exception {
        post("/things", key, LAMP);

        HttpResponse<String> other = post("/things", key, "{\"name\":\"lamp\",\"quantity\":3}");

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(code(other)).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(things.runs.get(key)).hasSize(1);
    }

    @Test
    void shouldAnswerInProgressWhenFirstRequestIsStillRunning() throws Exception {
        things.slowStarted = new CountDownLatch(1);
        things.slowRelease = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> first = postAsync("/things/slow", key, LAMP);
        assertThat(things.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> duplicate = post("/things/slow", key, LAMP);
        things.slowRelease.countDown();
        HttpResponse<String> firstAnswer = first.get(10, TimeUnit.SECONDS);
        HttpResponse<String> afterwards = post("/things/slow", key, LAMP);

        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(code(duplicate)).isEqualTo("IDEMPOTENCY_IN_PROGRESS");
        assertThat(firstAnswer.statusCode()).isEqualTo(201);
        assertThat(afterwards.statusCode()).isEqualTo(201);
        assertThat(afterwards.body()).isEqualTo(firstAnswer.body());
        assertThat(things.runs.get(key)).hasSize(1);
    }

    @Test
    void shouldReplayRejectionIdenticallyWhenActionAnsweredClientError() throws Exception {
        HttpResponse<String> first = post("/things/sold-out", key, LAMP, "req-first");
        HttpResponse<String> again = post("/things/sold-out", key, LAMP, "req-again");

        assertThat(first.statusCode()).isEqualTo(409);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(first.body());
        assertThat(problem.path("code").asText()).isEqualTo("THING_SOLD_OUT");
        assertThat(problem.path("remaining").asInt(-1)).isZero();
        assertThat(problem.path("requestId").asText()).isEqualTo("req-first");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(again.headers().firstValue(IdempotentRequests.REPLAYED_HEADER))
                .hasValue("true");
        // The first answer, byte for byte (the request id too: it names the request that did the work).
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(things.runs.get(key)).hasSize(1);
    }

    @Test
    void shouldAskAgainRatherThanReplayWhenTheRejectionHeldForTheMomentOnly() throws Exception {
        HttpResponse<String> first = post("/things/restocked", key, LAMP);
        HttpResponse<String> again = post("/things/restocked", key, LAMP);
        HttpResponse<String> replayed = post("/things/restocked", key, LAMP);

        assertThat(first.statusCode()).isEqualTo(409);
        assertThat(code(first)).isEqualTo("THING_SOLD_OUT");
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue(IdempotentRequests.REPLAYED_HEADER))
                .isEmpty();
        assertThat(things.runs.get(key)).hasSize(2);
        // What is kept from then on is the order made.
        assertThat(replayed.headers().firstValue(IdempotentRequests.REPLAYED_HEADER))
                .hasValue("true");
        assertThat(replayed.body()).isEqualTo(again.body());
    }

    @Test
    void shouldLetClientRetryWithTheSameReservedIdWhenActionFailed() throws Exception {
        HttpResponse<String> failed = post("/things/flaky", key, LAMP);
        Integer recordsAfterFailure =
                jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_record WHERE idem_key = ?", Integer.class, key);
        HttpResponse<String> retried = post("/things/flaky", key, LAMP);
        HttpResponse<String> replayed = post("/things/flaky", key, LAMP);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(code(failed)).isEqualTo("INTERNAL_ERROR");
        assertThat(recordsAfterFailure).isOne();
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(things.runs.get(key)).hasSize(2);
        // The retry resumes the failed attempt's work under its id, rather than starting beside it.
        assertThat(things.runs.get(key).get(1)).isEqualTo(things.runs.get(key).get(0));
        assertThat(replayed.headers().firstValue(IdempotentRequests.REPLAYED_HEADER))
                .hasValue("true");
        assertThat(replayed.body()).isEqualTo(retried.body());
    }

    @Test
    void shouldCommitTheAnswerWithTheWorkWhenStoredInItsTransaction() throws Exception {
        HttpResponse<String> first = post("/things/kept", key, LAMP);
        HttpResponse<String> replayed = post("/things/kept", key, LAMP);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(things.fresh.get(key)).containsExactly(true);
        // Kept the moment the work committed, not in a later statement of its own.
        assertThat(things.stateAfterCommit.get(key)).isEqualTo("DONE");
        assertThat(replayed.headers().firstValue(IdempotentRequests.REPLAYED_HEADER))
                .hasValue("true");
        assertThat(replayed.body()).isEqualTo(first.body());
        assertThat(things.runs.get(key)).hasSize(1);
        assertThat(thingRows(things.runs.get(key).get(0))).isOne();
    }

    @Test
    void shouldKeepNeitherWorkNorAnswerWhenTheirTransactionRollsBack() throws Exception {
        String lost = "{\"name\":\"lost\",\"quantity\":1}";
        HttpResponse<String> failed = post("/things/kept", key, lost);
        String reservedId = things.runs.get(key).get(0);
        int rowsAfterFailure = thingRows(reservedId);
        String stateAfterFailure = state(key);

        HttpResponse<String> retried = post("/things/kept", key, lost);
        HttpResponse<String> replayed = post("/things/kept", key, lost);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(rowsAfterFailure).isZero();
        assertThat(stateAfterFailure).isEqualTo("IN_PROGRESS");
        assertThat(retried.statusCode()).isEqualTo(201);
        // The retry took the failed attempt over: the same id, and not fresh, so it may look for its work.
        assertThat(things.runs.get(key)).containsExactly(reservedId, reservedId);
        assertThat(things.fresh.get(key)).containsExactly(true, false);
        assertThat(thingRows(reservedId)).isOne();
        assertThat(replayed.body()).isEqualTo(retried.body());
    }

    @Test
    void shouldRefuseToStoreAnAnswerInATransactionThatIsNotTheActionsOwn() {
        assertThatIllegalStateException()
                .isThrownBy(() -> idempotent.attempt("POST /things/kept", key, LAMP, attempt -> {
                    transactions.executeWithoutResult(outer -> transactions.executeWithoutResult(
                            joined -> attempt.answerInTransaction(joined, ResponseEntity.ok("x"))));
                    return ResponseEntity.ok("x");
                }))
                .withMessageContaining("own new local transaction");
        assertThat(state(key)).isEqualTo("IN_PROGRESS");
    }

    @Test
    void shouldRollTheWorkBackWhenAnotherRequestUnderTheKeyAnsweredFirst() {
        String scope = "POST /things/taken";
        ResponseEntity<?> answer = null;
        Throwable refused = null;
        try {
            answer = idempotent.attempt(scope, key, LAMP, attempt -> {
                // A request that took this one over has answered meanwhile.
                records.complete(
                        scope,
                        key,
                        new IdempotencyRecords.StoredAnswer(409, "application/problem+json", "{}"),
                        Instant.now());
                transactions.executeWithoutResult(tx -> {
                    jdbc.update("INSERT INTO thing (id, name) VALUES (?, ?)", attempt.reservedId(), "taken");
                    attempt.answerInTransaction(tx, ResponseEntity.ok("made"));
                });
                return ResponseEntity.ok("made");
            });
        } catch (ApiException e) {
            refused = e;
        }

        assertThat(answer).isNull();
        assertThat(refused).isInstanceOf(ApiException.class);
        assertThat(((ApiException) refused).errorCode().code()).isEqualTo("IDEMPOTENCY_IN_PROGRESS");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM thing WHERE name = 'taken'", Integer.class))
                .isZero();
        assertThat(idempotent
                        .attempt(scope, key, LAMP, attempt -> ResponseEntity.ok("again"))
                        .getStatusCode()
                        .value())
                .isEqualTo(409);
    }

    @Test
    void shouldTakeOverWithSameReservedIdWhenFirstRequestWasAbandoned() throws Exception {
        things.slowStarted = new CountDownLatch(1);
        things.slowRelease = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> stuck = postAsync("/things/slow", key, LAMP);
        assertThat(things.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
        // Its last sign of life is now older than the in-progress timeout (30 s).
        jdbc.update(
                "UPDATE idempotency_record SET updated_at = updated_at - INTERVAL 1 MINUTE WHERE idem_key = ?", key);

        HttpResponse<String> takenOver = post("/things/slow", key, LAMP);
        things.slowRelease.countDown();
        HttpResponse<String> stuckAnswer = stuck.get(10, TimeUnit.SECONDS);
        HttpResponse<String> replayed = post("/things/slow", key, LAMP);

        List<String> reservedIds = things.runs.get(key);
        assertThat(takenOver.statusCode()).isEqualTo(201);
        assertThat(reservedIds).hasSize(2);
        assertThat(reservedIds.get(1)).isEqualTo(reservedIds.get(0));
        assertThat(json.readTree(takenOver.body()).path("id").asText()).isEqualTo(reservedIds.get(0));
        assertThat(stuckAnswer.statusCode()).isEqualTo(201);
        // The first answer stored wins: the one of the request that took over.
        assertThat(replayed.body()).isEqualTo(takenOver.body());
    }

    @Test
    void shouldLetOnlyOneRequestTakeOverWhenTwoFindTheSameAbandonedRecord() {
        Instant abandonedAt = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        records.insert("POST /things", key, "0".repeat(64), "reserved", abandonedAt);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        boolean first = records.takeOver("POST /things", key, abandonedAt, now);
        boolean second = records.takeOver("POST /things", key, abandonedAt, now.plusMillis(1));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
    }

    @Test
    void shouldAnswerValidationFailedWhenKeyIsMalformed() throws Exception {
        HttpResponse<String> tooLong = post("/things", "k".repeat(256), LAMP);

        assertThat(tooLong.statusCode()).isEqualTo(422);
        JsonNode problem = json.readTree(tooLong.body());
        assertThat(problem.path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
        for (String malformed : List.of("", "schlüssel", "tab\there")) {
            assertThatThrownBy(() -> idempotent.execute("POST /things", malformed, LAMP, id -> {
                        throw new AssertionError("must not run");
                    }))
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(CommonErrorCode.VALIDATION_FAILED));
        }
        assertThat(post("/things", "k".repeat(255), LAMP).statusCode()).isEqualTo(201);
    }

    @Test
    void shouldRunEveryTimeWithoutRecordWhenNoKeyIsSent() throws Exception {
        Integer before = jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_record", Integer.class);

        HttpResponse<String> first = post("/things", null, LAMP);
        HttpResponse<String> second = post("/things", null, LAMP);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(json.readTree(second.body()).path("id").asText())
                .isNotEqualTo(json.readTree(first.body()).path("id").asText())
                .hasSize(26)
                .matches("[0-9a-v]+");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_record", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void shouldCompareBodiesRegardlessOfPropertyOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", 1);
        inner.put("a", List.of(1, 2));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("z", "last");
        body.put("inner", inner);
        Map<String, Object> reordered = Map.of("inner", Map.of("a", List.of(1, 2), "b", 1), "z", "last");

        assertThat(idempotent.hash(reordered)).isEqualTo(idempotent.hash(body)).hasSize(64);
        assertThat(idempotent.hash(Map.of("inner", Map.of("a", List.of(2, 1), "b", 1), "z", "last")))
                .isNotEqualTo(idempotent.hash(body));
    }

    @Test
    void shouldRefuseToJoinCallersTransactionWhenCalledInsideOne() {
        assertThatIllegalStateException()
                .isThrownBy(() -> transactions.executeWithoutResult(
                        status -> idempotent.execute("POST /things", key, LAMP, id -> ResponseEntity.ok(id))))
                .withMessageContaining("outside any transaction");
    }

    @Test
    void shouldDeleteRecordsWhenOlderThanRetention() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        records.insert("POST /things", key + "-old", "0".repeat(64), "old", now.minus(Duration.ofHours(25)));
        records.insert("POST /things", key + "-new", "0".repeat(64), "new", now.minus(Duration.ofHours(23)));

        cleanup.purgeExpired();

        assertThat(records.find("POST /things", key + "-old")).isEmpty();
        assertThat(records.find("POST /things", key + "-new")).isPresent();
    }

    private int thingRows(String id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM thing WHERE id = ?", Integer.class, id);
    }

    private String state(String idemKey) {
        return jdbc.queryForObject("SELECT state FROM idempotency_record WHERE idem_key = ?", String.class, idemKey);
    }

    private String code(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body()).path("code").asText();
    }

    private HttpResponse<String> post(String path, String idemKey, String body) throws Exception {
        return post(path, idemKey, body, "req-" + UUID.randomUUID());
    }

    private HttpResponse<String> post(String path, String idemKey, String body, String requestId) throws Exception {
        return client.send(request(path, idemKey, body, requestId), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String path, String idemKey, String body) {
        return client.sendAsync(
                request(path, idemKey, body, "req-" + UUID.randomUUID()), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String idemKey, String body, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idemKey != null) {
            request.header(IdempotentRequests.KEY_HEADER, idemKey);
        }
        return request.build();
    }
}
