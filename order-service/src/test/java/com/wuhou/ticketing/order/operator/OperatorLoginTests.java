package com.wuhou.ticketing.order.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The bootstrap operator logs in with the configured password; nothing else does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RealInfrastructure
class OperatorLoginTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldIssueShortLivedTokenWhenPasswordIsRight() throws Exception {
        ResponseEntity<String> answer = login("test-admin", "test-admin-password");

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        JsonNode body = json.readTree(answer.getBody());
        assertThat(body.path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(body.path("expiresIn").asLong()).isEqualTo(900);
        assertThat(body.path("accessToken").asText().split("\\.")).hasSize(3);
    }

    @Test
    void shouldAnswerSame401WhenPasswordIsWrongOrUserUnknown() throws Exception {
        ResponseEntity<String> wrongPassword = login("test-admin", "not-the-password");
        ResponseEntity<String> unknownUser = login("nobody", "test-admin-password");

        for (ResponseEntity<String> answer : java.util.List.of(wrongPassword, unknownUser)) {
            assertThat(answer.getStatusCode().value()).isEqualTo(401);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(json.readTree(answer.getBody()).path("code").asText()).isEqualTo("INVALID_CREDENTIALS");
        }
    }

    @Test
    void shouldStorePasswordOnlyAsArgon2Hash() {
        String hash = jdbc.queryForObject(
                "SELECT password_hash FROM operator_account WHERE username = 'test-admin'", String.class);

        assertThat(hash).startsWith("$argon2id$").doesNotContain("test-admin-password");
    }

    @Test
    void shouldAnswer422WhenFieldsAreMissing() throws Exception {
        ResponseEntity<String> answer = post("{\"username\":\"\"}");

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(json.readTree(answer.getBody()).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("username", "password");
    }

    private ResponseEntity<String> login(String username, String password) {
        return post("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private ResponseEntity<String> post(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/admin/v1/auth/login", new HttpEntity<>(body, headers), String.class);
    }
}
