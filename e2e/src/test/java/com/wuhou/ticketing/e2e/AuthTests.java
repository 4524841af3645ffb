package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
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
}
