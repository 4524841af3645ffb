package com.wuhou.ticketing.order.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.order.api.IdDocument;
import com.wuhou.ticketing.order.api.Museum;
import com.wuhou.ticketing.order.inventory.InventoryStub;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A buyer who lost an order's answer finds it again with a visitor's document and the contact phone:
 * the orders held for that document from today on, each with its token, masked; nothing (in the same
 * shape) when document and phone do not match. The ID number is never echoed or logged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RealInfrastructure
@Import({InventoryStub.Config.class, Buyer.class})
@ExtendWith(OutputCaptureExtension.class)
class OrderRecoveryTests {

    private static final String PHONE = "13912345678";

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    InventoryStub inventory;

    @Autowired
    VisitorKeys visitorKeys;

    @Autowired
    Buyer buyer;

    @AfterEach
    void acceptHoldsAgain() {
        inventory.acceptHolds();
    }

    @Test
    void shouldAnswerTheOrderHeldForTheDocumentWithAWorkingTokenWhenThePhoneMatches(CapturedOutput output) {
        String visitor = Buyer.idNumber();
        String companion = Buyer.idNumber();
        JsonNode order = buyer.ordered(PHONE, visitor, companion);
        buyer.ordered(PHONE, Buyer.idNumber()); // the same buyer's order for someone else

        ResponseEntity<String> answer = recover("ID_CARD", " " + visitor.toLowerCase() + " ", PHONE);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        JsonNode orders = buyer.read(answer).path("orders");
        assertThat(orders).hasSize(1);
        JsonNode found = orders.get(0);
        assertThat(found.path("orderNo").asText())
                .isEqualTo(order.path("orderNo").asText());
        assertThat(found.path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(found.path("contactPhone").asText()).isEqualTo("139****5678");
        assertThat(found.path("tickets").findValuesAsText("idNo")).allMatch(id -> id.contains("*"));
        assertThat(found.path("tickets").findValuesAsText("visitorName")).containsOnly("张*");
        assertThat(answer.getBody()).doesNotContain(visitor).doesNotContain(companion);
        ResponseEntity<String> opened = buyer.send(
                HttpMethod.GET,
                "/api/v1/orders/" + found.path("orderNo").asText(),
                null,
                found.path("orderToken").asText());
        assertThat(opened.getStatusCode().value()).isEqualTo(200);
        assertThat(output.getAll()).doesNotContain(visitor);
    }

    @Test
    void shouldAnswerNoOrdersInTheSameShapeWhenPhoneOrDocumentDoNotMatch(CapturedOutput output) {
        String visitor = Buyer.idNumber();
        buyer.ordered(PHONE, visitor);
        String stranger = Buyer.idNumber();

        ResponseEntity<String> wrongPhone = recover("ID_CARD", visitor, "13900000000");
        ResponseEntity<String> unknownDocument = recover("ID_CARD", stranger, PHONE);
        ResponseEntity<String> passport = recover("PASSPORT", "E12345678", PHONE);

        for (ResponseEntity<String> answer : List.of(wrongPhone, unknownDocument, passport)) {
            assertThat(answer.getStatusCode().value()).isEqualTo(200);
            assertThat(buyer.read(answer)).isEqualTo(json.createObjectNode().set("orders", json.createArrayNode()));
        }
        assertThat(output.getAll()).doesNotContain(visitor).doesNotContain(stranger);
    }

    @Test
    void shouldLeaveOutClosedOrdersAndPastVisitsButKeepPaidOnes() {
        String visitor = Buyer.idNumber();
        JsonNode cancelled = buyer.ordered(PHONE, visitor);
        buyer.send(
                HttpMethod.POST,
                "/api/v1/orders/" + cancelled.path("orderNo").asText() + "/cancellation",
                null,
                cancelled.path("orderToken").asText());
        inventory.acceptHolds(LocalDate.now(Museum.ZONE).minusDays(1));
        buyer.ordered(PHONE, visitor); // yesterday's visit
        inventory.acceptHolds(LocalDate.now(Museum.ZONE));
        JsonNode paid = buyer.ordered(PHONE, visitor);
        jdbc.update(
                "UPDATE ticket_order SET status = 'PAID' WHERE order_no = ?",
                paid.path("orderNo").asText());
        jdbc.update(
                "UPDATE order_ticket SET status = 'VALID', credential = 'T1.signed.qr' WHERE order_no = ?",
                paid.path("orderNo").asText());

        JsonNode orders = buyer.read(recover("ID_CARD", visitor, PHONE)).path("orders");

        assertThat(orders.findValuesAsText("orderNo"))
                .containsExactly(paid.path("orderNo").asText());
        assertThat(orders.get(0).path("status").asText()).isEqualTo("PAID");
        // Knowing a companion's ID number and the phone must not refund the order or admit anyone.
        assertThat(orders.get(0).has("orderToken")).isFalse();
        assertThat(orders.get(0).toString()).doesNotContain("T1.signed.qr");
    }

    @Test
    void shouldRefuseMalformedRequestsWithFieldErrorsAndNeverEchoTheNumber(CapturedOutput output) {
        String badCheckDigit = Buyer.idNumber().substring(0, 17) + "Y";

        JsonNode invalid = buyer.problem(recover("ID_CARD", badCheckDigit, PHONE), 422, "VALIDATION_FAILED");
        JsonNode missing = buyer.problem(
                buyer.send(HttpMethod.POST, "/api/v1/order-recoveries", "{\"idType\":\"VISA\"}", null),
                422,
                "VALIDATION_FAILED");

        assertThat(invalid.path("errors").findValuesAsText("field")).containsExactly("idNo");
        assertThat(invalid.toString()).doesNotContain(badCheckDigit);
        assertThat(missing.path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("idType", "idNo", "contactPhone");
        assertThat(output.getAll()).doesNotContain(badCheckDigit);
    }

    @Test
    void shouldGiveAWorkingTokenForAnOrderWhoseTokenWasMadeWithTheVisitorKey() {
        String visitor = Buyer.idNumber();
        String orderNo = "WHLEGACYR1";
        String legacy = OrderTokenTests.token(Base64.getEncoder().encodeToString(visitorKeys.key()), orderNo);
        jdbc.update(
                "INSERT INTO ticket_order (order_no, channel, session_id, visit_date, start_time, end_time,"
                        + " contact_phone, status, total_fen, pay_deadline, token_hash, hold_ref, created_at, updated_at)"
                        + " VALUES (?, 'WEB', 7, ?, '09:00', '11:00', ?, 'PENDING_PAYMENT', 5000, NOW(3), ?, ?,"
                        + " NOW(3), NOW(3))",
                orderNo,
                LocalDate.now(Museum.ZONE).plusDays(3),
                PHONE,
                OrderTokens.hash(legacy),
                orderNo);
        jdbc.update(
                "INSERT INTO order_ticket (ticket_id, order_no, ticket_type, price_fen, visitor_name, id_type,"
                        + " id_masked, id_hash, status, created_at, updated_at)"
                        + " VALUES (?, ?, 'ADULT', 5000, '张三', 'ID_CARD', '110***', ?, 'UNPAID', NOW(3), NOW(3))",
                orderNo + "-1",
                orderNo,
                new IdDocument(IdDocument.Type.ID_CARD, visitor).hash(visitorKeys.key()));

        JsonNode found =
                buyer.read(recover("ID_CARD", visitor, PHONE)).path("orders").get(0);

        String recovered = found.path("orderToken").asText();
        assertThat(open(orderNo, recovered)).isEqualTo(200);
        // The token a gate could work out from the visitor key stops working once it is replaced.
        assertThat(open(orderNo, legacy)).isEqualTo(404);
    }

    @Test
    void shouldSayHowToRecoverTheOrderWhenTheDailyLimitIsReached() {
        inventory.refuseHolds(409, "DAILY_LIMIT_REACHED", "A visitor already holds a ticket for this day");

        JsonNode problem = buyer.problem(buyer.order(PHONE, Buyer.idNumber()), 409, "DAILY_LIMIT_REACHED");

        assertThat(problem.path("recovery").asText()).isEqualTo("/api/v1/order-recoveries");
        assertThat(problem.path("detail").asText())
                .contains("/api/v1/order-recoveries")
                .contains("contact phone");
    }

    private int open(String orderNo, String token) {
        return buyer.send(HttpMethod.GET, "/api/v1/orders/" + orderNo, null, token)
                .getStatusCode()
                .value();
    }

    private ResponseEntity<String> recover(String idType, String idNo, String phone) {
        return buyer.send(
                HttpMethod.POST,
                "/api/v1/order-recoveries",
                "{\"idType\":\"%s\",\"idNo\":\"%s\",\"contactPhone\":\"%s\"}".formatted(idType, idNo, phone),
                null);
    }
}
