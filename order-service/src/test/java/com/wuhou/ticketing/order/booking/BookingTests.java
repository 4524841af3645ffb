package com.wuhou.ticketing.order.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.order.inventory.InventoryStub;
import com.wuhou.ticketing.order.orders.Buyer;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.NoOpResponseErrorHandler;
import org.springframework.web.client.RestTemplate;

/**
 * What a creation does with inventory's answers (ADR 12): a lost answer is asked again, because the
 * hold may have been taken; it is never abandoned then, since the first request may still be writing
 * it; a hold whose order cannot be written is abandoned at once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ticketing.order.fault-injection=true")
@ActiveProfiles("test")
@RealInfrastructure
@Import({InventoryStub.Config.class, Buyer.class})
class BookingTests {

    @Autowired
    InventoryStub inventory;

    @Autowired
    Buyer buyer;

    @Autowired
    ObjectMapper json;

    @LocalServerPort
    int port;

    @AfterEach
    void acceptHoldsAgain() {
        inventory.acceptHolds();
    }

    @Test
    void shouldMakeTheOrderWhenTheHoldsFirstAnswerWasLost() {
        inventory.loseHoldAnswers(1, 503, "SERVICE_UNAVAILABLE");

        JsonNode order = buyer.ordered("13800138000", Buyer.idNumber());

        assertThat(order.path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(inventory.held(order.path("orderNo").asText()).state()).isEqualTo("HELD");
        assertThat(inventory.abandonments()).isZero();
    }

    @Test
    void shouldLeaveAHoldStillBeingWrittenToItsTakerAndTellTheBuyerToRetry() {
        inventory.loseHoldAnswers(2, 409, "HOLD_IN_PROGRESS");
        long heldBefore = inventory.heldCount();

        ResponseEntity<String> answer = oneAttempt(null);

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(503);
        assertThat(inventory.abandonments()).isZero();
        // Still held for the request that may be writing it (or for this buyer's retry with the key).
        assertThat(inventory.heldCount()).isEqualTo(heldBefore + 1);
    }

    @Test
    void shouldGiveTheHoldBackWhenTheOrderCannotBeWritten() {
        long heldBefore = inventory.heldCount();

        ResponseEntity<String> answer = oneAttempt("after-hold");

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(500);
        assertThat(answer.getBody()).contains("FAULT_INJECTED");
        assertThat(inventory.abandonments()).isEqualTo(1);
        assertThat(inventory.heldCount()).isEqualTo(heldBefore);
    }

    @Test
    void shouldReplayTheOrderAtOnceWhenItsAnswerWasLostAfterTheWrite() throws Exception {
        String key = "lost-" + UUID.randomUUID();
        String body = body();
        long heldBefore = inventory.heldCount();

        ResponseEntity<String> lost = oneAttempt("after-write", key, body);
        ResponseEntity<String> retried = oneAttempt(null, key, body);

        assertThat(lost.getStatusCode().value()).as(lost.getBody()).isEqualTo(500);
        // The answer was kept with the order in one commit: the retry is answered from it at once,
        // rather than told the first request is still running, or running the creation again.
        assertThat(retried.getStatusCode().value()).as(retried.getBody()).isEqualTo(201);
        assertThat(retried.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        JsonNode order = json.readTree(retried.getBody());
        assertThat(order.path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(order.path("orderToken").asText()).isNotBlank();
        assertThat(inventory.held(order.path("orderNo").asText()).state()).isEqualTo("HELD");
        assertThat(inventory.heldCount()).isEqualTo(heldBefore + 1);
        assertThat(inventory.abandonments()).isZero();
    }

    private ResponseEntity<String> oneAttempt(String fault) {
        return oneAttempt(fault, null, body());
    }

    private static String body() {
        return "{\"sessionId\":7,\"contactPhone\":\"13800138000\",\"visitors\":[{\"name\":\"张三\","
                + "\"idType\":\"ID_CARD\",\"idNo\":\"" + Buyer.idNumber() + "\",\"ticketType\":\"ADULT\"}]}";
    }

    /** One POST, by a client that never retries by itself (unlike the test's HTTP client on a 503). */
    private ResponseEntity<String> oneAttempt(String fault, String key, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (fault != null) {
            headers.set("X-Fault-Injection", fault);
        }
        if (key != null) {
            headers.set("Idempotency-Key", key);
        }
        RestTemplate once = new RestTemplate(new SimpleClientHttpRequestFactory());
        once.setErrorHandler(new NoOpResponseErrorHandler());
        return once.exchange(
                "http://127.0.0.1:" + port + "/api/v1/orders",
                HttpMethod.POST,
                new HttpEntity<>(body, headers),
                String.class);
    }
}
