package com.wuhou.ticketing.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import com.wuhou.ticketing.platform.testsupport.TestOperators;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The admission gate and the ledger on real Redis and MySQL: capacity layers, the per-ID daily
 * limit, release, idempotency, a concurrent burst, and a Redis that loses its data.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ticketing.inventory.expiry-interval=200ms")
@ActiveProfiles("test")
@RealInfrastructure
class HoldTests {

    private static int nextDay = 1;

    /** An expiry well after every test: each request's own, where it matters, is written out. */
    private static final String EXPIRES = "\"expiresAt\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\",";

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    /** Each test books on its own date, so tests of this class never share capacity. */
    private String date;

    @BeforeEach
    void ticketTypesAndOwnDate() {
        TestOperators.signIn(http, "ops-test", "ADMIN");
        send(HttpMethod.POST, "/admin/v1/ticket-types", type("ADULT", true));
        send(HttpMethod.POST, "/admin/v1/ticket-types", type("RETIRED", false));
        send(
                HttpMethod.POST,
                "/admin/v1/ticket-types",
                "{\"code\":\"GARDEN_PASS\",\"name\":\"园林通票\",\"priceFen\":8000,\"realNameRequired\":true,"
                        + "\"active\":true,\"entriesPerDay\":3}");
        synchronized (HoldTests.class) {
            // Weeks ahead of today (museum time), one per test: never a date that has passed.
            date = LocalDate.now(ZoneId.of("Asia/Shanghai"))
                    .plusDays(30 + nextDay++)
                    .toString();
        }
    }

    @Test
    void shouldHoldUntilSessionIsFullThenAnswerSoldOutWithoutWritingTheLedger() throws Exception {
        long session = openDayWithSession(100, 3);

        for (int i = 0; i < 3; i++) {
            assertThat(hold(session, visitor()).getStatusCode().value()).isEqualTo(201);
        }
        ResponseEntity<String> fourth = hold(session, visitor());

        assertThat(problem(fourth, 409)).isEqualTo("SOLD_OUT");
        assertThat(liveUnits()).isEqualTo(3);
        JsonNode availability = get("/api/v1/availability?date=" + date);
        assertThat(availability.path("sessions").get(0).path("remaining").asInt())
                .isZero();
        assertThat(availability.path("dailyRemaining").asInt()).isEqualTo(97);
    }

    @Test
    void shouldEnforceDayCapAcrossSessions() throws Exception {
        long morning = openDayWithSession(2, 5);
        long afternoon = session("14:00", 5);

        assertThat(hold(morning, visitor()).getStatusCode().value()).isEqualTo(201);
        assertThat(hold(afternoon, visitor()).getStatusCode().value()).isEqualTo(201);

        assertThat(problem(hold(afternoon, visitor()), 409)).isEqualTo("SOLD_OUT");
        assertThat(problem(hold(morning, visitor()), 409)).isEqualTo("SOLD_OUT");
    }

    @Test
    void shouldRefuseSecondTicketForSameIdOnSameDayButNotOnAnotherDay() throws Exception {
        long morning = openDayWithSession(100, 10);
        long afternoon = session("14:00", 10);
        String visitor = visitor();
        hold(morning, visitor);

        assertThat(problem(hold(afternoon, visitor), 409)).isEqualTo("DAILY_LIMIT_REACHED");
        date = LocalDate.parse(date).plusMonths(1).toString(); // no other test books in June
        long otherDay = openDayWithSession(100, 10);
        assertThat(hold(otherDay, visitor).getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void shouldPutPlacesBackOnSaleWhenHoldIsReleased() throws Exception {
        long session = openDayWithSession(100, 1);
        String ref = ref();
        String visitor = visitor();
        hold(session, ref, visitor);
        assertThat(problem(hold(session, visitor()), 409)).isEqualTo("SOLD_OUT");

        ResponseEntity<String> released = send(HttpMethod.POST, "/internal/v1/holds/" + ref + "/release", "");

        assertThat(json.readTree(released.getBody()).path("state").asText()).isEqualTo("RELEASED");
        assertThat(hold(session, visitor()).getStatusCode().value()).isEqualTo(201);
        // The released visitor may book again that day.
        assertThat(problem(hold(session, visitor), 409)).isEqualTo("SOLD_OUT");
        assertThat(problem(send(HttpMethod.POST, "/internal/v1/holds/" + ref + "/confirmation", ""), 409))
                .isEqualTo("HOLD_RELEASED");
    }

    @Test
    void shouldReturnFirstHoldAndTakeNothingMoreWhenSameRefIsSentAgain() throws Exception {
        long session = openDayWithSession(100, 5);
        String ref = ref();
        String visitor = visitor();

        ResponseEntity<String> first = hold(session, ref, visitor);
        ResponseEntity<String> again = hold(session, ref, visitor);

        assertThat(again.getStatusCode().value()).isEqualTo(201);
        assertThat(json.readTree(again.getBody())).isEqualTo(json.readTree(first.getBody()));
        assertThat(liveUnits()).isEqualTo(1);
        assertThat(get("/api/v1/availability?date=" + date)
                        .path("sessions")
                        .get(0)
                        .path("remaining")
                        .asInt())
                .isEqualTo(4);
    }

    @Test
    void shouldNeverHoldMoreThanCapacityWhenManyBuyersArriveAtOnce() throws Exception {
        long session = openDayWithSession(1000, 20);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<CompletableFuture<ResponseEntity<String>>> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) {
                attempts.add(CompletableFuture.supplyAsync(() -> hold(session, visitor()), pool));
            }
            CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }

        long held = attempts.stream()
                .filter(a -> a.join().getStatusCode().value() == 201)
                .count();
        long soldOut = attempts.stream()
                .filter(a -> a.join().getStatusCode().value() == 409)
                .count();
        assertThat(held).isEqualTo(20);
        assertThat(soldOut).isEqualTo(60);
        assertThat(liveUnits()).isEqualTo(20);
    }

    @Test
    void shouldRebuildCountersFromLedgerWhenRedisLosesItsData() throws Exception {
        long session = openDayWithSession(100, 6);
        for (int i = 0; i < 5; i++) {
            hold(session, visitor());
        }

        redis.getConnectionFactory().getConnection().serverCommands().flushDb();

        assertThat(hold(session, visitor()).getStatusCode().value()).isEqualTo(201);
        assertThat(problem(hold(session, visitor()), 409)).isEqualTo("SOLD_OUT");
        assertThat(liveUnits()).isEqualTo(6);
    }

    @Test
    void shouldRefuseInvalidHoldsWithoutTakingPlaces() throws Exception {
        long session = openDayWithSession(100, 5);
        String visitor = visitor();

        ResponseEntity<String> twice = send(
                HttpMethod.POST,
                "/internal/v1/holds",
                "{" + EXPIRES
                        + "\"holdRef\":\"%s\",\"sessionId\":%d,\"units\":[%s,%s]}"
                                .formatted(ref(), session, unit("ADULT", visitor), unit("ADULT", visitor)));
        ResponseEntity<String> notOnSale = send(
                HttpMethod.POST,
                "/internal/v1/holds",
                "{" + EXPIRES
                        + "\"holdRef\":\"%s\",\"sessionId\":%d,\"units\":[%s]}"
                                .formatted(ref(), session, unit("RETIRED", visitor())));
        ResponseEntity<String> noSession = hold(999_999, visitor());
        ResponseEntity<String> badHash = send(
                HttpMethod.POST,
                "/internal/v1/holds",
                "{" + EXPIRES
                        + "\"holdRef\":\"%s\",\"sessionId\":%d,\"units\":[%s]}"
                                .formatted(ref(), session, unit("ADULT", "110101199003077777")));

        assertThat(problem(twice, 422)).isEqualTo("VALIDATION_FAILED");
        assertThat(problem(notOnSale, 422)).isEqualTo("VALIDATION_FAILED");
        assertThat(problem(noSession, 404)).isEqualTo("SESSION_NOT_FOUND");
        assertThat(problem(badHash, 422)).isEqualTo("VALIDATION_FAILED");
        assertThat(liveUnits()).isZero();
    }

    @Test
    void shouldChangeCapacityButNeverBelowWhatIsTaken() throws Exception {
        long session = openDayWithSession(100, 5);
        for (int i = 0; i < 3; i++) {
            hold(session, visitor());
        }

        ResponseEntity<String> tooLow = send(HttpMethod.PATCH, "/admin/v1/sessions/" + session, "{\"capacity\":2}");
        ResponseEntity<String> exact = send(HttpMethod.PATCH, "/admin/v1/sessions/" + session, "{\"capacity\":3}");
        int remainingAtExact = remaining();
        ResponseEntity<String> raised = send(HttpMethod.PATCH, "/admin/v1/sessions/" + session, "{\"capacity\":10}");

        assertThat(problem(tooLow, 409)).isEqualTo("CAPACITY_BELOW_TAKEN");
        assertThat(json.readTree(tooLow.getBody()).path("taken").asInt()).isEqualTo(3);
        assertThat(exact.getStatusCode().value()).isEqualTo(200);
        assertThat(remainingAtExact).isZero();
        assertThat(raised.getStatusCode().value()).isEqualTo(200);
        assertThat(remaining()).isEqualTo(7);
        assertThat(problem(send(HttpMethod.PATCH, "/admin/v1/sessions/999999", "{\"capacity\":3}"), 404))
                .isEqualTo("SESSION_NOT_FOUND");
        assertThat(problem(send(HttpMethod.PATCH, "/admin/v1/sessions/" + session, "{\"capacity\":0}"), 422))
                .isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void shouldChangeDayCapButNeverBelowWhatIsTakenAndKeepSalesOfAClosedDay() throws Exception {
        long morning = openDayWithSession(10, 5);
        long afternoon = session("14:00", 5);
        hold(morning, visitor());
        hold(afternoon, visitor());

        ResponseEntity<String> tooLow =
                send(HttpMethod.PUT, "/admin/v1/calendar/" + date, "{\"open\":true,\"dailyCapacity\":1}");
        ResponseEntity<String> closingTooLow =
                send(HttpMethod.PUT, "/admin/v1/calendar/" + date, "{\"open\":false,\"dailyCapacity\":0}");
        ResponseEntity<String> exact =
                send(HttpMethod.PUT, "/admin/v1/calendar/" + date, "{\"open\":true,\"dailyCapacity\":2}");
        ResponseEntity<String> full = hold(morning, visitor());
        ResponseEntity<String> closed =
                send(HttpMethod.PUT, "/admin/v1/calendar/" + date, "{\"open\":false,\"dailyCapacity\":2}");

        assertThat(problem(tooLow, 409)).isEqualTo("CAPACITY_BELOW_TAKEN");
        assertThat(json.readTree(tooLow.getBody()).path("taken").asInt()).isEqualTo(2);
        assertThat(problem(closingTooLow, 409)).isEqualTo("CAPACITY_BELOW_TAKEN");
        assertThat(exact.getStatusCode().value()).isEqualTo(200);
        assertThat(problem(full, 409)).isEqualTo("SOLD_OUT");
        assertThat(closed.getStatusCode().value()).isEqualTo(200);
        assertThat(problem(hold(afternoon, visitor()), 409)).isEqualTo("SESSION_CLOSED");
        assertThat(liveUnits()).isEqualTo(2);
        assertThat(get("/admin/v1/calendar/" + date).path("dailyCapacity").asInt())
                .isEqualTo(2);
    }

    @Test
    void shouldRefuseHoldsOnClosedDay() throws Exception {
        long session = openDayWithSession(100, 5);
        send(HttpMethod.PUT, "/admin/v1/calendar/" + date, "{\"open\":false,\"dailyCapacity\":100}");

        assertThat(problem(hold(session, visitor()), 409)).isEqualTo("SESSION_CLOSED");
    }

    @Test
    void shouldAnswerPricesAndSlotAndReleaseSoldPlacesOneVisitorAtATime() throws Exception {
        long session = openDayWithSession(100, 2);
        String ref = ref();
        String first = visitor();
        String second = visitor();
        ResponseEntity<String> held = send(
                HttpMethod.POST,
                "/internal/v1/holds",
                "{" + EXPIRES
                        + "\"holdRef\":\"%s\",\"sessionId\":%d,\"units\":[%s,%s]}"
                                .formatted(ref, session, unit("ADULT", first), unit("GARDEN_PASS", second)));
        JsonNode hold = json.readTree(held.getBody());
        assertThat(hold.path("units").get(0).path("priceFen").asInt()).isEqualTo(5000);
        // Each place carries its type's entry rule, for the gates: once a day, or as the type allows.
        assertThat(hold.path("units").findValuesAsText("entriesPerDay")).containsExactly("1", "3");
        assertThat(hold.path("slot").path("date").asText()).isEqualTo(date);
        assertThat(hold.path("slot").path("startTime").asText()).startsWith("09:00");
        send(HttpMethod.POST, "/internal/v1/holds/" + ref + "/confirmation", "");

        ResponseEntity<String> refunded =
                send(HttpMethod.POST, "/internal/v1/holds/" + ref + "/release", "{\"idHashes\":[\"" + first + "\"]}");

        JsonNode after = json.readTree(refunded.getBody());
        assertThat(after.path("state").asText()).isEqualTo("SOLD");
        assertThat(after.path("units").findValuesAsText("state")).containsExactly("RELEASED", "SOLD");
        assertThat(remaining()).isEqualTo(1);
        assertThat(liveUnits()).isEqualTo(1);
        // The refunded visitor may book that day again; the other still holds the day.
        assertThat(hold(session, first).getStatusCode().value()).isEqualTo(201);
        assertThat(problem(hold(session, visitor()), 409)).isEqualTo("SOLD_OUT");
        assertThat(problem(
                        send(
                                HttpMethod.POST,
                                "/internal/v1/holds/" + ref + "/release",
                                "{\"idHashes\":[\"" + visitor() + "\"]}"),
                        422))
                .isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void shouldRefuseHoldsForASessionThatHasEnded() throws Exception {
        date = "2020-03-02";
        long session = openDayWithSession(100, 5);

        assertThat(problem(hold(session, visitor()), 409)).isEqualTo("SESSION_CLOSED");
        assertThat(liveUnits()).isZero();
    }

    @Test
    void shouldGiveBackPlacesOfAHoldNobodyConfirmedByItsExpiry() throws Exception {
        long session = openDayWithSession(100, 1);
        String ref = ref();
        String visitor = visitor();
        ResponseEntity<String> held =
                holdUntil(session, ref, visitor, Instant.now().plusSeconds(2));
        assertThat(held.getStatusCode().value()).as(held.getBody()).isEqualTo(201);
        assertThat(json.readTree(held.getBody()).path("expiresAt").asText()).isNotEmpty();
        assertThat(problem(hold(session, visitor()), 409)).isEqualTo("SOLD_OUT");

        await().atMost(Duration.ofSeconds(15)).until(() -> remaining() == 1);

        assertThat(liveUnits()).isZero();
        assertThat(state(ref)).isEqualTo("RELEASED");
        // Too late to sell: the taker learns the places are gone.
        assertThat(problem(send(HttpMethod.POST, "/internal/v1/holds/" + ref + "/confirmation", ""), 409))
                .isEqualTo("HOLD_RELEASED");
        // The same reference taken again learns the same, and leaves the session's count alone.
        assertThat(problem(hold(session, ref, visitor), 409)).isEqualTo("HOLD_RELEASED");
        assertThat(remaining()).isEqualTo(1);
        // The visitor's day is free again.
        assertThat(hold(session, visitor).getStatusCode().value()).isEqualTo(201);
        assertThat(remaining()).isZero();
    }

    @Test
    void shouldNeverExpireASoldHold() throws Exception {
        long session = openDayWithSession(100, 1);
        String ref = ref();
        holdUntil(session, ref, visitor(), Instant.now().plusSeconds(1));
        ResponseEntity<String> confirmed = send(HttpMethod.POST, "/internal/v1/holds/" + ref + "/confirmation", "");
        assertThat(confirmed.getStatusCode().value()).as(confirmed.getBody()).isEqualTo(200);
        String later = ref();
        // A hold expiring after this one: once it is given back, this one's expiry has passed too.
        holdUntil(session("14:00", 1), later, visitor(), Instant.now().plusSeconds(2));

        await().atMost(Duration.ofSeconds(15)).until(() -> "RELEASED".equals(state(later)));

        assertThat(state(ref)).isEqualTo("SOLD");
        assertThat(problem(hold(session, visitor()), 409)).isEqualTo("SOLD_OUT");
    }

    @Test
    void shouldForgetAnAbandonedHoldSoTheSameReferenceCanBeHeldAfresh() throws Exception {
        long session = openDayWithSession(100, 1);
        String ref = ref();
        String visitor = visitor();
        hold(session, ref, visitor);

        ResponseEntity<String> abandoned = abandon(ref, session);

        assertThat(abandoned.getStatusCode().value()).as(abandoned.getBody()).isEqualTo(204);
        assertThat(liveUnits()).isZero();
        assertThat(remaining()).isEqualTo(1);
        assertThat(problem(abandon(ref, session), 404)).isEqualTo("HOLD_NOT_FOUND");
        // A retry of the same order takes the same reference again.
        assertThat(hold(session, ref, visitor).getStatusCode().value()).isEqualTo(201);
        assertThat(remaining()).isZero();
    }

    @Test
    void shouldRefuseToAbandonASoldHold() throws Exception {
        long session = openDayWithSession(100, 1);
        String ref = ref();
        hold(session, ref, visitor());
        send(HttpMethod.POST, "/internal/v1/holds/" + ref + "/confirmation", "");

        assertThat(problem(abandon(ref, session), 409)).isEqualTo("HOLD_SOLD");

        assertThat(state(ref)).isEqualTo("SOLD");
        assertThat(remaining()).isZero();
    }

    @Test
    void shouldRefuseAnExpiryThatIsPastOrTooFarAheadAndGiveAMissingOneTheDefault() throws Exception {
        long session = openDayWithSession(100, 5);

        ResponseEntity<String> past =
                holdUntil(session, ref(), visitor(), Instant.now().minusSeconds(1));
        ResponseEntity<String> farAhead =
                holdUntil(session, ref(), visitor(), Instant.now().plus(Duration.ofDays(2)));
        ResponseEntity<String> missing = send(
                HttpMethod.POST,
                "/internal/v1/holds",
                "{\"holdRef\":\"%s\",\"sessionId\":%d,\"units\":[%s]}"
                        .formatted(ref(), session, unit("ADULT", visitor())));

        assertThat(problem(past, 422)).isEqualTo("VALIDATION_FAILED");
        assertThat(problem(farAhead, 422)).isEqualTo("VALIDATION_FAILED");
        assertThat(missing.getStatusCode().value()).as(missing.getBody()).isEqualTo(201);
        Instant defaulted =
                Instant.parse(json.readTree(missing.getBody()).path("expiresAt").asText());
        assertThat(defaulted)
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(29)),
                        Instant.now().plus(Duration.ofMinutes(31)));
        assertThat(liveUnits()).isEqualTo(1);
        assertThat(remaining()).isEqualTo(4);
    }

    @Test
    void shouldRefuseAReleaseWithAMemberItDoesNotKnow() throws Exception {
        long session = openDayWithSession(100, 1);
        String ref = ref();
        hold(session, ref, visitor());

        // The flag of the earlier contract, as an older order-service would send it mid-deploy.
        ResponseEntity<String> legacy =
                send(HttpMethod.POST, "/internal/v1/holds/" + ref + "/release", "{\"ledgerOnly\":true}");

        assertThat(problem(legacy, 422)).isEqualTo("VALIDATION_FAILED");
        assertThat(state(ref)).isEqualTo("HELD");
        assertThat(remaining()).isZero();
    }

    @Test
    void shouldRefuseAnAbandonmentNamingAnotherSession() throws Exception {
        long session = openDayWithSession(100, 1);
        long other = session("14:00", 1);
        String ref = ref();
        hold(session, ref, visitor());

        assertThat(problem(abandon(ref, other), 422)).isEqualTo("VALIDATION_FAILED");

        assertThat(state(ref)).isEqualTo("HELD");
        assertThat(remaining()).isZero();
    }

    private ResponseEntity<String> holdUntil(long session, String ref, String visitor, Instant expiresAt) {
        return send(
                HttpMethod.POST,
                "/internal/v1/holds",
                "{\"holdRef\":\"%s\",\"sessionId\":%d,\"units\":[%s],\"expiresAt\":\"%s\"}"
                        .formatted(ref, session, unit("ADULT", visitor), expiresAt));
    }

    private ResponseEntity<String> abandon(String ref, long session) {
        return send(HttpMethod.POST, "/internal/v1/holds/" + ref + "/abandonment", "{\"sessionId\":" + session + "}");
    }

    /** The hold's state as its taker reads it. */
    private String state(String ref) throws Exception {
        return get("/internal/v1/holds/" + ref).path("state").asText();
    }

    private long openDayWithSession(int dailyCapacity, int capacity) throws Exception {
        send(HttpMethod.PUT, "/admin/v1/calendar/" + date, "{\"open\":true,\"dailyCapacity\":" + dailyCapacity + "}");
        return session("09:00", capacity);
    }

    private long session(String start, int capacity) throws Exception {
        String end = "%02d:00".formatted(Integer.parseInt(start.substring(0, 2)) + 2);
        ResponseEntity<String> created = send(
                HttpMethod.POST,
                "/admin/v1/sessions",
                "{\"date\":\"%s\",\"startTime\":\"%s\",\"endTime\":\"%s\",\"capacity\":%d}"
                        .formatted(date, start, end, capacity));
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        return json.readTree(created.getBody()).path("sessionId").asLong();
    }

    private ResponseEntity<String> hold(long session, String visitor) {
        return hold(session, ref(), visitor);
    }

    private ResponseEntity<String> hold(long session, String ref, String visitor) {
        return send(
                HttpMethod.POST,
                "/internal/v1/holds",
                "{" + EXPIRES
                        + "\"holdRef\":\"%s\",\"sessionId\":%d,\"units\":[%s]}"
                                .formatted(ref, session, unit("ADULT", visitor)));
    }

    private int remaining() throws Exception {
        return get("/api/v1/availability?date=" + date)
                .path("sessions")
                .get(0)
                .path("remaining")
                .asInt();
    }

    private int liveUnits() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM hold_unit WHERE visit_date = ? AND state IN ('HELD', 'SOLD')",
                Integer.class,
                date);
    }

    private static String unit(String type, String idHash) {
        return "{\"ticketType\":\"" + type + "\",\"idHash\":\"" + idHash + "\"}";
    }

    private static String ref() {
        return "t-" + UUID.randomUUID();
    }

    /** A visitor's ID hash as order-service would send it. */
    private static String visitor() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String type(String code, boolean active) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + code + "\",\"priceFen\":5000,\"realNameRequired\":true,"
                + "\"active\":" + active + "}";
    }

    private ResponseEntity<String> send(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private JsonNode get(String path) throws Exception {
        ResponseEntity<String> answer = http.getForEntity(path, String.class);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return json.readTree(answer.getBody());
    }

    private String problem(ResponseEntity<String> answer, int status) throws Exception {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        return json.readTree(answer.getBody()).path("code").asText();
    }
}
