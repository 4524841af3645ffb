package com.wuhou.ticketing.order.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.order.api.TicketCredential;
import com.wuhou.ticketing.order.ticket.TicketSigner;
import com.wuhou.ticketing.platform.operatortoken.OperatorTokens;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.security.PublicKey;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * What order-service answers on its own, before inventory is asked: bad requests are refused with
 * field errors and change nothing, orders are private to their token, forged payment notices are
 * refused, and the published key verifies the tickets it signs. The flows across services are in e2e.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RealInfrastructure
class OrderRequestTests {

    private static final String VALID_ID = "11010519491231002X";

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TicketSigner signer;

    @Test
    void shouldRefuseBadVisitorsWithFieldErrorsAndCreateNothing() throws Exception {
        String body = """
                {"sessionId": 1, "contactPhone": "13800138000", "visitors": [
                  {"name": "张三", "idType": "ID_CARD", "idNo": "110105194912310021", "ticketType": "ADULT"},
                  {"name": "李四", "idType": "ID_CARD", "idNo": "%s", "ticketType": "ADULT"},
                  {"name": "王五", "idType": "ID_CARD", "idNo": "%s", "ticketType": "ADULT"}
                ]}""".formatted(VALID_ID, VALID_ID.toLowerCase());

        JsonNode problem = problem(post("/api/v1/orders", body, "k-bad-visitors"), 422, "VALIDATION_FAILED");

        assertThat(problem.path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("visitors[0].idNo", "visitors[2].idNo");
        assertThat(problem.path("errors").toString()).contains("check").contains("the same document as visitors[1]");
        assertThat(rows("order_ticket")).isZero();
        // The same key and body get the same answer again.
        ResponseEntity<String> again = post("/api/v1/orders", body, "k-bad-visitors");
        assertThat(again.getStatusCode().value()).isEqualTo(422);
        assertThat(json.readTree(again.getBody())).isEqualTo(problem);
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void shouldRefuseMissingFieldsAndTooManyVisitors() throws Exception {
        JsonNode missing = problem(post("/api/v1/orders", "{\"visitors\": []}", null), 422, "VALIDATION_FAILED");
        assertThat(missing.path("errors").findValuesAsText("field")).contains("sessionId", "contactPhone", "visitors");

        StringBuilder visitors = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            visitors.append(i == 0 ? "" : ",")
                    .append("{\"name\":\"V\",\"idType\":\"PASSPORT\",\"idNo\":\"E1234567")
                    .append(i)
                    .append("\",\"ticketType\":\"ADULT\"}");
        }
        JsonNode tooMany = problem(
                post(
                        "/api/v1/orders",
                        "{\"sessionId\":1,\"contactPhone\":\"13800138000\",\"visitors\":[" + visitors + "]}",
                        null),
                422,
                "VALIDATION_FAILED");
        assertThat(tooMany.path("errors").get(0).path("message").asText()).isEqualTo("at most 5 visitors in one order");
        assertThat(rows("order_ticket")).isZero();
    }

    @Test
    void shouldNotShowAnOrderWithoutItsToken() throws Exception {
        jdbc.update(
                "INSERT INTO ticket_order (order_no, channel, session_id, visit_date, start_time, end_time,"
                        + " contact_phone, status, total_fen, pay_deadline, token_hash, hold_ref, created_at, updated_at)"
                        + " VALUES ('WHTEST1', 'WEB', 1, '2027-01-01', '09:00', '11:00', '13800138000', 'PENDING_PAYMENT',"
                        + " 5000, NOW(3), ?, 'WHTEST1', NOW(3), NOW(3))",
                OrderTokens.hash("right-token"));

        problem(get("/api/v1/orders/WHTEST1", "wrong-token"), 404, "ORDER_NOT_FOUND");
        problem(get("/api/v1/orders/NOSUCHORDER", "right-token"), 404, "ORDER_NOT_FOUND");
        JsonNode order =
                json.readTree(get("/api/v1/orders/WHTEST1", "right-token").getBody());
        assertThat(order.path("contactPhone").asText()).isEqualTo("138****8000");
        assertThat(order.path("payDeadline").asText()).endsWith("+08:00");
        problem(http.getForEntity("/api/v1/orders/WHTEST1", String.class), 400, "MALFORMED_REQUEST");
    }

    @Test
    void shouldRefuseUnsignedOrForgedPaymentNotices() throws Exception {
        String notice = "{\"paymentId\":\"PM1\",\"providerTxnId\":\"x\",\"status\":\"SUCCEEDED\",\"amountFen\":5000}";
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Sandbox-Timestamp", Long.toString(System.currentTimeMillis()));
        headers.set("X-Sandbox-Signature", "bm90IGEgc2lnbmF0dXJl");

        ResponseEntity<String> forged = http.exchange(
                "/api/v1/payment-notifications/sandbox",
                HttpMethod.POST,
                new HttpEntity<>(notice, headers),
                String.class);

        problem(forged, 401, "BAD_NOTICE_SIGNATURE");
    }

    @Test
    void shouldPublishTheKeyThatVerifiesIssuedTickets() throws Exception {
        JsonNode key = json.readTree(
                        http.getForEntity("/api/v1/ticket-keys", String.class).getBody())
                .path("keys")
                .get(0);
        PublicKey published = OperatorTokens.publicKey(key.path("publicKey").asText());
        String qr = signer.sign(new TicketSigner.TicketFacts(
                "WHX-1", 7, LocalDate.of(2027, 1, 1), LocalTime.of(9, 0), LocalTime.of(11, 0), "ADULT"));

        TicketCredential verified = TicketCredential.verify(
                qr, id -> id.equals(key.path("keyId").asText()) ? Optional.of(published) : Optional.empty());

        assertThat(key.path("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(verified.ticketId()).isEqualTo("WHX-1");
    }

    private ResponseEntity<String> post(String path, String body, String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Order-Token", token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private JsonNode problem(ResponseEntity<String> answer, int status, String code) throws Exception {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        JsonNode problem = json.readTree(answer.getBody());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        return problem;
    }

    private int rows(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }
}
