package com.wuhou.ticketing.checkin.pass;

import static com.wuhou.ticketing.checkin.SoldTickets.nowWindow;
import static com.wuhou.ticketing.checkin.SoldTickets.today;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.checkin.SignedGate;
import com.wuhou.ticketing.checkin.SoldTickets;
import com.wuhou.ticketing.checkin.SoldTickets.Sold;
import com.wuhou.ticketing.checkin.api.Passes;
import com.wuhou.ticketing.checkin.device.DeviceService;
import com.wuhou.ticketing.order.api.OrderEvents;
import com.wuhou.ticketing.platform.outbox.StreamEvent;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A refund withdraws its tickets from the gates before it is answered, and a gate never admits a
 * ticket whose refund went through (real MySQL and Redis, HTTP as order-service and a gate call it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RealInfrastructure
class PassVoidTests {

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        SoldTickets.keys(registry);
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper json;

    @Autowired
    TicketPasses passes;

    @Autowired
    DeviceService devices;

    @Autowired
    JdbcTemplate jdbc;

    private SoldTickets tickets;
    private SignedGate gate;

    @BeforeEach
    void gate() {
        tickets = new SoldTickets(passes, json);
        gate = new SignedGate(http, devices.register("退票闸机", "EAST", "MAIN"));
    }

    @Test
    void shouldRefuseATicketAtOnceOnceItsRefundIsAnsweredEvenBeforeAnyEvent() throws Exception {
        Sold sold = tickets.sell(today(), nowWindow(), "330103199001011299");

        ResponseEntity<String> voided = voidFor("RF-1-" + sold.orderNo(), sold);
        JsonNode byQr = verify(sold.credential());
        JsonNode byId = verify("330103199001011299");

        assertThat(voided.getStatusCode().value()).as(voided.getBody()).isEqualTo(204);
        assertThat(byQr.path("reason").asText()).isEqualTo("REFUNDED");
        assertThat(byId.path("reason").asText()).isEqualTo("REFUNDED");
        assertThat(entries(sold)).isZero();
    }

    @Test
    void shouldWithdrawATicketWhosePaymentTheGatesHaveNotHeardOfYet() throws Exception {
        Sold sold = tickets.paidButNotYetKnown(today(), nowWindow(), null, 1);

        ResponseEntity<String> voided = voidFor("RF-2-" + sold.orderNo(), sold);
        tickets.sell(today(), nowWindow(), null); // other events go on arriving
        passes.handle(new StreamEvent(
                "late-" + sold.orderNo(),
                OrderEvents.ORDER_PAID,
                sold.orderNo(),
                Instant.now(),
                json.writeValueAsString(sold.paid())));

        assertThat(voided.getStatusCode().value()).isEqualTo(204);
        assertThat(verify(sold.credential()).path("reason").asText()).isEqualTo("REFUNDED");
    }

    @Test
    void shouldRefuseToVoidATicketThatHasEntered() throws Exception {
        Sold sold = tickets.sell(today(), nowWindow(), null);
        assertThat(verify(sold.credential()).path("result").asText()).isEqualTo("ACCEPTED");

        ResponseEntity<String> voided = voidFor("RF-3-" + sold.orderNo(), sold);

        assertThat(voided.getStatusCode().value()).isEqualTo(409);
        assertThat(json.readTree(voided.getBody()).path("code").asText()).isEqualTo(Passes.ALREADY_ENTERED);
        assertThat(passes.find(sold.ticketId()).orElseThrow().status()).isEqualTo(TicketPass.VALID);
    }

    @Test
    void shouldLetOneRefundAtATimeHoldATicketAndRepeatTheSameOneHarmlessly() throws Exception {
        Sold sold = tickets.sell(today(), nowWindow(), null);

        ResponseEntity<String> first = voidFor("RF-4-" + sold.orderNo(), sold);
        ResponseEntity<String> again = voidFor("RF-4-" + sold.orderNo(), sold);
        ResponseEntity<String> other = voidFor("RF-5-" + sold.orderNo(), sold);

        assertThat(first.getStatusCode().value()).isEqualTo(204);
        assertThat(again.getStatusCode().value()).isEqualTo(204);
        assertThat(other.getStatusCode().value()).isEqualTo(409);
        assertThat(json.readTree(other.getBody()).path("code").asText()).isEqualTo(Passes.BEING_REFUNDED);
    }

    /** Gates and a refund racing for the same tickets: each ticket ends entered or refunded, never both. */
    @Test
    void shouldNeverBothAdmitAndRefundATicketWhenAGateAndARefundRace() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 15; round++) {
                Sold sold = tickets.sell(today(), nowWindow(), null);
                List<CompletableFuture<JsonNode>> scans = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    scans.add(CompletableFuture.supplyAsync(() -> verifyQuietly(sold.credential()), pool));
                }
                String refundId = "RF-R" + round + "-" + sold.orderNo();
                CompletableFuture<ResponseEntity<String>> refund =
                        CompletableFuture.supplyAsync(() -> voidFor(refundId, sold), pool);

                long admitted = scans.stream()
                        .map(CompletableFuture::join)
                        .filter(a -> a.path("result").asText().equals("ACCEPTED"))
                        .count();
                int refundStatus = refund.join().getStatusCode().value();

                assertThat(admitted).as("round %d", round).isLessThanOrEqualTo(1);
                if (refundStatus == 204) {
                    assertThat(entries(sold))
                            .as("round %d: refunded, so never entered", round)
                            .isZero();
                    assertThat(admitted).isZero();
                } else {
                    assertThat(refundStatus).isEqualTo(409);
                    assertThat(entries(sold))
                            .as("round %d: refused, so it entered", round)
                            .isEqualTo(1);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void shouldAdmitAPaidTicketByIdNumberAsSoonAsOrderServiceSaysSo() throws Exception {
        Sold sold = tickets.paidButNotYetKnown(today(), nowWindow(), "330103199001011302", 1);
        assertThat(verify("330103199001011302").path("reason").asText()).isEqualTo("UNKNOWN");

        ResponseEntity<String> told = http.postForEntity(Passes.PASSES, sold.paid(), String.class);

        assertThat(told.getStatusCode().value()).isEqualTo(204);
        assertThat(verify("330103199001011302").path("result").asText()).isEqualTo("ACCEPTED");
    }

    private ResponseEntity<String> voidFor(String refundId, Sold sold) {
        return http.postForEntity(Passes.VOIDS, new Passes.VoidRequest(refundId, sold.paid()), String.class);
    }

    private int entries(Sold sold) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM redemption WHERE ticket_id = ?", Integer.class, sold.ticketId());
        return n == null ? 0 : n;
    }

    private JsonNode verify(String credential) throws Exception {
        ResponseEntity<String> answer = gate.post(
                "/checkin/v1/verifications",
                "{\"credential\":\"%s\",\"gate\":\"EAST-1\",\"direction\":\"IN\",\"scannedAt\":\"%s\"}"
                        .formatted(credential, Instant.now()));
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return json.readTree(answer.getBody());
    }

    private JsonNode verifyQuietly(String credential) {
        try {
            return verify(credential);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
