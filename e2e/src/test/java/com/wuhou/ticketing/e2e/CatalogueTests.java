package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Through the gateway: an operator opens a day and adds a session; a visitor sees it on sale. */
class CatalogueTests {

    @Test
    void shouldShowNewSessionToVisitorsWhenOperatorOpensADay() {
        LocalDate date = Sales.unusedDay();

        HttpResponse<String> day = send("PUT", "/admin/v1/calendar/" + date, "{\"open\":true,\"dailyCapacity\":500}");
        HttpResponse<String> session = send(
                "POST",
                "/admin/v1/sessions",
                "{\"date\":\"" + date + "\",\"startTime\":\"09:00\",\"endTime\":\"11:00\",\"capacity\":300}");
        HttpResponse<String> invalid = send(
                "POST",
                "/admin/v1/sessions",
                "{\"date\":\"" + date + "\",\"startTime\":\"12:00\",\"endTime\":\"11:00\",\"capacity\":300}");

        assertThat(day.statusCode()).as(day.body()).isEqualTo(200);
        assertThat(session.statusCode()).as(session.body()).isEqualTo(201);
        Platform.assertProblem(invalid, 422, "VALIDATION_FAILED");
        JsonNode availability = Platform.json(Platform.get("/api/v1/availability?date=" + date));
        assertThat(availability.path("open").asBoolean()).isTrue();
        assertThat(availability.path("dailyRemaining").asInt()).isEqualTo(500);
        assertThat(availability.path("sessions")).hasSize(1);
        JsonNode slot = availability.path("sessions").get(0);
        assertThat(slot.path("sessionId").asLong())
                .isEqualTo(Platform.json(session).path("sessionId").asLong());
        assertThat(slot.path("remaining").asInt()).isEqualTo(300);
    }

    @Test
    void shouldAuditWhoChangedASessionWithItsCapacityBeforeAndAfter() {
        long sessionId = Sales.freshSession(40);

        HttpResponse<String> lowered = send("PATCH", "/admin/v1/sessions/" + sessionId, "{\"capacity\":25}");
        HttpResponse<String> trail = Platform.get(
                "/admin/v1/audit-records?target=session/" + sessionId,
                "Authorization",
                "Bearer " + Platform.operatorToken());
        HttpResponse<String> anonymous = Platform.get("/admin/v1/audit-records");

        assertThat(lowered.statusCode()).as(lowered.body()).isEqualTo(200);
        assertThat(trail.statusCode()).as(trail.body()).isEqualTo(200);
        JsonNode records = Platform.json(trail).path("records");
        assertThat(records).hasSize(2);
        JsonNode change = records.get(0);
        assertThat(change.path("actor").asText()).isEqualTo("admin");
        assertThat(change.path("action").asText()).isEqualTo("session.capacity.change");
        assertThat(change.path("before").path("capacity").asInt()).isEqualTo(40);
        assertThat(change.path("after").path("capacity").asInt()).isEqualTo(25);
        assertThat(records.get(1).path("action").asText()).isEqualTo("session.create");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> send(String method, String path, String json) {
        return Platform.send(method, path, json, Platform.operatorToken());
    }
}
