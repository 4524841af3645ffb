package com.wuhou.ticketing.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import com.wuhou.ticketing.platform.testsupport.TestOperators;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Operators configure ticket types, the calendar and sessions; visitors see what is on sale. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RealInfrastructure
class CatalogueTests {

    /** Days weeks ahead of today (museum time), so no test sets up a day that has passed. */
    private static final LocalDate FIRST =
            LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(40);

    private static final String DAY_ONE = FIRST.toString();
    private static final String DAY_TWO = FIRST.plusDays(1).toString();
    private static final String DAY_THREE = FIRST.plusDays(2).toString();
    private static final String LATER_DAY = FIRST.plusDays(19).toString();

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper json;

    @BeforeEach
    void signIn() {
        TestOperators.signIn(http, "ops-test", "ADMIN");
    }

    @Test
    void shouldListOnlyActiveTypesToVisitorsWhenOperatorsConfigureThem() throws Exception {
        assertThat(send(HttpMethod.POST, "/admin/v1/ticket-types", type("ADULT", 5000, true))
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        assertThat(send(HttpMethod.POST, "/admin/v1/ticket-types", type("HALF", 2500, true))
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        ResponseEntity<String> changed = send(HttpMethod.PUT, "/admin/v1/ticket-types/HALF", type("HALF", 2000, false));

        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        // Other tests of this class add types too: look only at these two.
        JsonNode onSale = body(http.getForEntity("/api/v1/ticket-types", String.class));
        assertThat(onSale.findValuesAsText("code")).contains("ADULT").doesNotContain("HALF");
        assertThat(byCode(onSale, "ADULT").path("priceFen").asLong()).isEqualTo(5000);
        JsonNode all = body(http.getForEntity("/admin/v1/ticket-types", String.class));
        assertThat(all.findValuesAsText("code")).contains("ADULT", "HALF");
        assertThat(byCode(all, "HALF").path("priceFen").asLong()).isEqualTo(2000);
        assertThat(byCode(all, "HALF").path("active").asBoolean()).isFalse();
        JsonNode trail = body(http.getForEntity("/admin/v1/audit-records?target=ticket-type/HALF", String.class))
                .path("records");
        assertThat(trail)
                .extracting(r -> r.path("action").asText())
                .containsExactly("ticket-type.change", "ticket-type.create");
        assertThat(trail.get(0).path("before").path("priceFen").asLong()).isEqualTo(2500);
        assertThat(trail.get(0).path("after").path("priceFen").asLong()).isEqualTo(2000);
    }

    @Test
    void shouldRefuseDuplicateAndInvalidTypesWithoutChangingAnything() throws Exception {
        send(HttpMethod.POST, "/admin/v1/ticket-types", type("FREE_CHILD", 0, true));

        ResponseEntity<String> duplicate =
                send(HttpMethod.POST, "/admin/v1/ticket-types", type("FREE_CHILD", 100, false));
        ResponseEntity<String> invalid = send(
                HttpMethod.POST,
                "/admin/v1/ticket-types",
                "{\"code\":\"bad code\",\"name\":\"\",\"priceFen\":-1,\"realNameRequired\":true,\"active\":true,"
                        + "\"entriesPerDay\":0}");
        ResponseEntity<String> unknown = send(HttpMethod.PUT, "/admin/v1/ticket-types/NOPE", type("NOPE", 1, true));

        assertThat(problem(duplicate, 409).path("code").asText()).isEqualTo("TICKET_TYPE_EXISTS");
        JsonNode invalidProblem = problem(invalid, 422);
        assertThat(invalidProblem.path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(invalidProblem.path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("code", "name", "priceFen", "entriesPerDay");
        assertThat(problem(unknown, 404).path("code").asText()).isEqualTo("TICKET_TYPE_NOT_FOUND");
        JsonNode all = body(http.getForEntity("/admin/v1/ticket-types", String.class));
        assertThat(all.findValuesAsText("code")).doesNotContain("bad code", "NOPE");
        assertThat(all.findValues("priceFen").stream().map(JsonNode::asLong).toList())
                .doesNotContain(100L);
    }

    @Test
    void shouldShowOpenDayWithItsSessionsInStartOrderWhenVisitorAsksForAvailability() throws Exception {
        send(HttpMethod.PUT, "/admin/v1/calendar/" + DAY_ONE, "{\"open\":true,\"dailyCapacity\":250}");
        ResponseEntity<String> afternoon = send(
                HttpMethod.POST,
                "/admin/v1/sessions",
                "{\"date\":\"" + DAY_ONE + "\",\"startTime\":\"13:00\",\"endTime\":\"15:00\",\"capacity\":300}");
        send(
                HttpMethod.POST,
                "/admin/v1/sessions",
                "{\"date\":\"" + DAY_ONE + "\",\"startTime\":\"09:00\",\"endTime\":\"11:00\",\"capacity\":200}");

        assertThat(afternoon.getStatusCode().value()).isEqualTo(201);
        assertThat(afternoon.getHeaders().getLocation()).isNotNull();
        JsonNode availability = body(http.getForEntity("/api/v1/availability?date=" + DAY_ONE, String.class));
        assertThat(availability.path("open").asBoolean()).isTrue();
        assertThat(availability.path("dailyRemaining").asInt()).isEqualTo(250);
        JsonNode sessions = availability.path("sessions");
        assertThat(sessions.findValuesAsText("startTime")).containsExactly("09:00:00", "13:00:00");
        // A session never offers more than the day has left.
        assertThat(sessions.findValues("remaining").stream()
                        .map(JsonNode::asInt)
                        .toList())
                .containsExactly(200, 250);
        assertThat(body(http.getForEntity("/admin/v1/sessions?date=" + DAY_ONE, String.class))
                        .size())
                .isEqualTo(2);
    }

    @Test
    void shouldShowClosedDayWhenNothingIsConfiguredOrDayIsClosed() throws Exception {
        send(HttpMethod.PUT, "/admin/v1/calendar/" + DAY_TWO, "{\"open\":false,\"dailyCapacity\":0}");

        for (String date : List.of(DAY_TWO, LATER_DAY)) {
            JsonNode availability = body(http.getForEntity("/api/v1/availability?date=" + date, String.class));
            assertThat(availability.path("open").asBoolean()).isFalse();
            assertThat(availability.path("sessions").size()).isZero();
        }
    }

    @Test
    void shouldRefuseSessionsThatEndBeforeTheyStartOrRepeatAStartTime() throws Exception {
        String first =
                "{\"date\":\"" + DAY_THREE + "\",\"startTime\":\"10:00\",\"endTime\":\"12:00\",\"capacity\":100}";
        send(HttpMethod.POST, "/admin/v1/sessions", first);

        ResponseEntity<String> backwards = send(
                HttpMethod.POST,
                "/admin/v1/sessions",
                "{\"date\":\"" + DAY_THREE + "\",\"startTime\":\"16:00\",\"endTime\":\"15:00\",\"capacity\":100}");
        ResponseEntity<String> repeated = send(HttpMethod.POST, "/admin/v1/sessions", first);
        ResponseEntity<String> noCapacity = send(
                HttpMethod.POST,
                "/admin/v1/sessions",
                "{\"date\":\"" + DAY_THREE + "\",\"startTime\":\"17:00\",\"endTime\":\"18:00\",\"capacity\":0}");

        assertThat(problem(backwards, 422).path("errors").findValuesAsText("field"))
                .containsExactly("endTime");
        assertThat(problem(repeated, 409).path("code").asText()).isEqualTo("SESSION_EXISTS");
        assertThat(problem(noCapacity, 422).path("errors").findValuesAsText("field"))
                .containsExactly("capacity");
        assertThat(body(http.getForEntity("/admin/v1/sessions?date=" + DAY_THREE, String.class))
                        .size())
                .isEqualTo(1);
    }

    @Test
    void shouldAnswer400WhenDateIsNotADate() throws Exception {
        ResponseEntity<String> answer = http.getForEntity("/api/v1/availability?date=tomorrow", String.class);

        assertThat(problem(answer, 400).path("code").asText()).isEqualTo("MALFORMED_REQUEST");
    }

    private static JsonNode byCode(JsonNode types, String code) {
        for (JsonNode type : types) {
            if (type.path("code").asText().equals(code)) {
                return type;
            }
        }
        throw new AssertionError("no ticket type " + code + " in " + types);
    }

    private ResponseEntity<String> send(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private static String type(String code, long priceFen, boolean active) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + code + " ticket\",\"priceFen\":" + priceFen
                + ",\"realNameRequired\":true,\"active\":" + active + "}";
    }

    private JsonNode body(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode().is2xxSuccessful())
                .as("HTTP %s: %s", response.getStatusCode(), response.getBody())
                .isTrue();
        return json.readTree(response.getBody());
    }

    private JsonNode problem(ResponseEntity<String> response, int status) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return json.readTree(response.getBody());
    }
}
