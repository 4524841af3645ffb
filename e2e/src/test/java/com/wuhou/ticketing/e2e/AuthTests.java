package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only operators with a token reach /admin/v1; the token comes from the login with the right password. */
class AuthTests {

    @Test
    void shouldRefuseAdminPathsWithoutTokenOrWithForgedOne() {
        HttpResponse<String> none = Platform.get("/admin/v1/sessions?date=2030-01-01");
        HttpResponse<String> forged = Platform.get(
                "/admin/v1/sessions?date=2030-01-01",
                "Authorization",
                "Bearer eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyb290In0.AAAA");

        Platform.assertProblem(none, 401, "UNAUTHORIZED");
        Platform.assertProblem(forged, 401, "UNAUTHORIZED");
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void shouldLetOperatorInWithTokenFromLoginAndRefuseWrongPassword() {
        HttpResponse<String> wrong = Platform.send(
                "POST", "/admin/v1/auth/login", "{\"username\":\"admin\",\"password\":\"wrong-password\"}", null);
        HttpResponse<String> login = Platform.send(
                "POST",
                "/admin/v1/auth/login",
                "{\"username\":\"admin\",\"password\":\"" + Platform.operatorPassword() + "\"}",
                null);

        Platform.assertProblem(wrong, 401, "INVALID_CREDENTIALS");
        assertThat(login.statusCode()).isEqualTo(200);
        JsonNode token = Platform.json(login);
        assertThat(token.path("expiresIn").asInt()).isBetween(60, 3600);
        HttpResponse<String> sessions = Platform.get(
                "/admin/v1/sessions?date=2030-01-01",
                "Authorization",
                "Bearer " + token.path("accessToken").asText());
        assertThat(sessions.statusCode()).as(sessions.body()).isEqualTo(200);
    }

    /** As a new user tried on a fresh devstack: other spellings of operator paths reached the services. */
    @Test
    void shouldRefuseEveryOtherSpellingOfOperatorPathsAndCreateNothing() {
        String token = Platform.operatorToken();
        int devicesBefore = Platform.json(Platform.get("/admin/v1/devices", "Authorization", "Bearer " + token))
                .size();

        HttpResponse<String> encoded =
                Platform.send("POST", "/%61dmin/v1/devices", "{\"name\":\"x\",\"gate\":\"X\",\"area\":\"MAIN\"}", null);
        HttpResponse<String> parameter = Platform.get("/admin;x/v1/ticket-types");
        HttpResponse<String> upperCase = Platform.get("/ADMIN/v1/ticket-types");
        HttpResponse<String> dotted = Platform.get("/api/%2e%2e/admin/v1/sessions?date=2030-01-01");

        for (HttpResponse<String> answer : List.of(encoded, parameter, upperCase, dotted)) {
            Platform.assertProblem(answer, 401, "UNAUTHORIZED");
        }
        assertThat(Platform.json(Platform.get("/admin/v1/devices", "Authorization", "Bearer " + token))
                        .size())
                .isEqualTo(devicesBefore);
    }

    /** Defence in depth: a caller that reaches a service past the gateway still needs a credential. */
    @Test
    void shouldRefuseOperatorAndGateCallsThatBypassTheGateway() {
        HttpResponse<String> claimedOperator =
                Platform.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8103/admin/v1/devices"))
                        .header("Content-Type", "application/json")
                        .header("X-Operator", "admin")
                        .header("X-Operator-Roles", "ADMIN")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"gate\":\"X\",\"area\":\"MAIN\"}"))
                        .build());
        HttpResponse<String> claimedDevice =
                Platform.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8103/checkin/v1/occupancy"))
                        .header("X-Signed-Principal", "device:1")
                        .GET()
                        .build());
        HttpResponse<String> inventoryAdmin =
                Platform.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8102/admin/v1/ticket-types"))
                        .GET()
                        .build());

        Platform.assertProblem(claimedOperator, 401, "UNAUTHORIZED");
        Platform.assertProblem(claimedDevice, 401, "BAD_SIGNATURE");
        Platform.assertProblem(inventoryAdmin, 401, "UNAUTHORIZED");
    }
}
