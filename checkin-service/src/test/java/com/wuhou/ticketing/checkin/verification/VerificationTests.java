package com.wuhou.ticketing.checkin.verification;

import static com.wuhou.ticketing.checkin.SoldTickets.farFromNow;
import static com.wuhou.ticketing.checkin.SoldTickets.nowWindow;
import static com.wuhou.ticketing.checkin.SoldTickets.today;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.checkin.SignedGate;
import com.wuhou.ticketing.checkin.SoldTickets;
import com.wuhou.ticketing.checkin.SoldTickets.Sold;
import com.wuhou.ticketing.checkin.device.DeviceService;
import com.wuhou.ticketing.checkin.occupancy.Headcount;
import com.wuhou.ticketing.checkin.pass.TicketPasses;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A gate asks about tickets (real MySQL and Redis, HTTP): each ticket admitted once, every refusal with its reason. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RealInfrastructure
class VerificationTests {

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        SoldTickets.keys(registry);
        // A site that is full with one visitor inside, so the alert can be seen to turn on.
        registry.add("ticketing.checkin.site-capacity", () -> 1);
        registry.add("ticketing.checkin.alert-at", () -> 1.0);
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

    @Autowired
    Headcount headcount;

    @Autowired
    MeterRegistry meters;

    private SignedGate gate;
    private SoldTickets tickets;

    @BeforeEach
    void device() {
        tickets = new SoldTickets(passes, json);
        gate = new SignedGate(http, devices.register("测试闸机", "NORTH", "MAIN"));
    }

    @Test
    void shouldAdmitAPaidTicketOnceAndSayWhyTheSecondTime() throws Exception {
        Sold sold = tickets.sell(today(), nowWindow(), "330103199001011234");

        JsonNode first = verify(sold.credential(), "IN");
        JsonNode second = verify(sold.credential(), "IN");

        assertThat(first.path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(first.path("ticket").path("ticketId").asText()).isEqualTo(sold.ticketId());
        assertThat(first.path("ticket").path("visitorName").asText()).isEqualTo("张*");
        assertThat(second.path("result").asText()).isEqualTo("REJECTED");
        assertThat(second.path("reason").asText()).isEqualTo("ALREADY_USED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scan WHERE ticket_id = ?", Integer.class, sold.ticketId()))
                .isEqualTo(2);
    }

    @Test
    void shouldAdmitAMultiEntryTicketAsOftenAsItsTypeAllowsAndPublishEachEntry() throws Exception {
        Sold sold = tickets.sell(today(), nowWindow(), null, 2);

        JsonNode first = verify(sold.credential(), "IN");
        verify(sold.credential(), "OUT");
        JsonNode second = verify(sold.credential(), "IN");
        JsonNode third = verify(sold.credential(), "IN");

        assertThat(first.path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(second.path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(reason(third)).isEqualTo("ALREADY_USED");
        List<String> events = jdbc.queryForList(
                "SELECT payload FROM outbox_event WHERE event_type = 'TicketRedeemed' AND aggregate_id = ? ORDER BY id",
                String.class,
                sold.ticketId());
        assertThat(events).hasSize(2);
        assertThat(json.readTree(events.get(1)).path("entry").asInt()).isEqualTo(2);
        assertThat(json.readTree(events.get(1)).path("orderNo").asText()).isEqualTo(sold.orderNo());
    }

    @Test
    void shouldLetExactlyOneOfTenGatesAdmitTheSameTicketAtOnce() throws Exception {
        Sold sold = tickets.sell(today(), nowWindow(), null);
        ExecutorService gates = Executors.newFixedThreadPool(10);
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> verifyQuietly(sold.credential(), "IN"), gates));
        }

        List<String> results =
                answers.stream().map(a -> a.join().path("result").asText()).toList();
        gates.shutdown();

        assertThat(results).filteredOn("ACCEPTED"::equals).hasSize(1);
        assertThat(results).filteredOn("REJECTED"::equals).hasSize(9);
    }

    @Test
    void shouldGiveTheReasonForEveryTicketItRefuses() throws Exception {
        Sold tomorrow = tickets.sell(today().plusDays(1), nowWindow(), null);
        Sold laterToday = tickets.sell(today(), farFromNow(), null);
        Sold refunded = tickets.sell(today(), nowWindow(), null);
        tickets.refund(refunded);
        String unknown = SoldTickets.credential("WHUNKNOWN-1", today(), nowWindow());
        String tampered =
                refunded.credential().substring(0, refunded.credential().length() - 3) + "AAA";

        assertThat(reason(verify(tomorrow.credential(), "IN"))).isEqualTo("NOT_TODAY");
        assertThat(reason(verify(laterToday.credential(), "IN"))).isEqualTo("OUTSIDE_SESSION");
        assertThat(reason(verify(refunded.credential(), "IN"))).isEqualTo("REFUNDED");
        assertThat(reason(verify(unknown, "IN"))).isEqualTo("UNKNOWN");
        assertThat(reason(verify(tampered, "IN"))).isEqualTo("BAD_SIGNATURE");
        assertThat(reason(verify("330103199001019999", "IN"))).isEqualTo("UNKNOWN");
    }

    @Test
    void shouldAdmitByIdNumberAndCountOutOnlyAfterIn() throws Exception {
        String idNo = "11010519491231002X";
        tickets.sell(today(), nowWindow(), idNo);

        JsonNode outFirst = verify(idNo, "OUT");
        JsonNode in = verify(idNo.toLowerCase(), "IN");
        JsonNode out = verify(idNo, "OUT");

        assertThat(reason(outFirst)).isEqualTo("NOT_ADMITTED");
        assertThat(in.path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(out.path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(reason(verify(idNo, "IN"))).isEqualTo("ALREADY_USED");
    }

    /** IN, OUT, OUT, OUT once counted −2; and an OUT in another area than the IN skewed both areas. */
    @Test
    void shouldLetEachInBeFollowedByExactlyOneOutInTheSameArea() throws Exception {
        SignedGate main = gate;
        SignedGate garden = new SignedGate(http, devices.register("花园出口", "WEST", "GARDEN"));
        Sold twice = tickets.sell(today(), nowWindow(), null, 2);
        Sold elsewhere = tickets.sell(today(), nowWindow(), null);
        long gardenBefore = garden(occupancy());
        long mainBefore = area(occupancy(), "MAIN");

        gate = main;
        JsonNode in = verify(twice.credential(), "IN");
        JsonNode out = verify(twice.credential(), "OUT");
        JsonNode outAgain = verify(twice.credential(), "OUT");
        JsonNode outThird = verify(twice.credential(), "OUT");
        JsonNode inAgain = verify(twice.credential(), "IN");
        JsonNode outAfterSecondIn = verify(twice.credential(), "OUT");
        verify(elsewhere.credential(), "IN");
        gate = garden;
        JsonNode outInAnotherArea = verify(elsewhere.credential(), "OUT");

        assertThat(in.path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(out.path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(reason(outAgain)).isEqualTo("NOT_ADMITTED");
        assertThat(reason(outThird)).isEqualTo("NOT_ADMITTED");
        assertThat(inAgain.path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(outAfterSecondIn.path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(reason(outInAnotherArea)).isEqualTo("NOT_ADMITTED");
        JsonNode after = occupancy();
        assertThat(area(after, "MAIN") - mainBefore).as("the one still inside").isEqualTo(1);
        assertThat(garden(after)).isEqualTo(gardenBefore);
    }

    /**
     * A family at two turnstiles at once, again and again: neighbouring tickets must not deadlock
     * (a locking read of the entries took gap locks on which two admissions waited for each other).
     */
    @Test
    void shouldAdmitNeighbouringTicketsAtTwoGatesAtOnceWithoutFailing() throws Exception {
        ExecutorService gates = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                Sold parent = tickets.sell(today(), nowWindow(), null);
                Sold child = tickets.sell(today(), nowWindow(), null);
                CompletableFuture<JsonNode> first =
                        CompletableFuture.supplyAsync(() -> verifyQuietly(parent.credential(), "IN"), gates);
                CompletableFuture<JsonNode> second =
                        CompletableFuture.supplyAsync(() -> verifyQuietly(child.credential(), "IN"), gates);

                assertThat(first.join().path("result").asText())
                        .as("round %d", round)
                        .isEqualTo("ACCEPTED");
                assertThat(second.join().path("result").asText())
                        .as("round %d", round)
                        .isEqualTo("ACCEPTED");
            }
        } finally {
            gates.shutdown();
        }
    }

    /** Two exits scanned at once for one visitor inside: only one counts. */
    @Test
    void shouldCountOnlyOneOfTwoSimultaneousOutScans() throws Exception {
        Sold sold = tickets.sell(today(), nowWindow(), null);
        verify(sold.credential(), "IN");
        ExecutorService gates = Executors.newFixedThreadPool(4);
        List<CompletableFuture<JsonNode>> outs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            outs.add(CompletableFuture.supplyAsync(() -> verifyQuietly(sold.credential(), "OUT"), gates));
        }

        List<String> results =
                outs.stream().map(a -> a.join().path("result").asText()).toList();
        gates.shutdown();

        assertThat(results).filteredOn("ACCEPTED"::equals).hasSize(1);
    }

    @Test
    void shouldFollowInAndOutScansInTheHeadcountAndRaiseTheAlertAtCapacity() throws Exception {
        gate = new SignedGate(http, devices.register("花园闸机", "WEST", "GARDEN"));
        Sold first = tickets.sell(today(), nowWindow(), null);
        Sold second = tickets.sell(today(), nowWindow(), null);
        long before = garden(occupancy());

        verify(first.credential(), "IN");
        verify(second.credential(), "IN");
        long bothIn = garden(occupancy());
        verify(first.credential(), "OUT");
        JsonNode afterOut = occupancy();
        headcount.refresh();

        assertThat(bothIn - before).isEqualTo(2);
        assertThat(garden(afterOut) - before).isEqualTo(1);
        assertThat(afterOut.path("capacity").asInt()).isEqualTo(1);
        assertThat(afterOut.path("alert").asBoolean()).isTrue();
        assertThat(afterOut.path("headcount").asLong()).isGreaterThanOrEqualTo(garden(afterOut));
        assertThat(meters.get("checkin.headcount").tag("area", "GARDEN").gauge().value())
                .isEqualTo(garden(afterOut));
        assertThat(meters.get("checkin.headcount.alert").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void shouldRefuseUnsignedAndMalformedRequestsWithoutRecordingThem() throws Exception {
        Integer before = jdbc.queryForObject("SELECT COUNT(*) FROM scan", Integer.class);

        HttpHeaders claimed = new HttpHeaders();
        claimed.setContentType(MediaType.APPLICATION_JSON);
        claimed.set("X-Signed-Principal", "device:" + gate.deviceId());
        ResponseEntity<String> unsigned = http.exchange(
                "/checkin/v1/verifications",
                HttpMethod.POST,
                new HttpEntity<>(body("T1.x.y", "IN"), claimed),
                String.class);
        ResponseEntity<String> sideways = gate.post("/checkin/v1/verifications", body("T1.x.y", "SIDEWAYS"));
        ResponseEntity<String> noTime = gate.post(
                "/checkin/v1/verifications", "{\"credential\":\"T1.x.y\",\"gate\":\"N\",\"direction\":\"IN\"}");
        // A gate whose clock is years off (a time the scan log could not even store).
        ResponseEntity<String> farFuture = gate.post(
                "/checkin/v1/verifications",
                "{\"credential\":\"T1.x.y\",\"gate\":\"N\",\"direction\":\"IN\",\"scannedAt\":\"+20000-01-01T00:00:00Z\"}");

        assertThat(unsigned.getStatusCode().value()).isEqualTo(401);
        assertThat(sideways.getStatusCode().value()).isEqualTo(422);
        assertThat(json.readTree(sideways.getBody()).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(noTime.getStatusCode().value()).isEqualTo(422);
        assertThat(farFuture.getStatusCode().value()).as(farFuture.getBody()).isEqualTo(422);
        assertThat(farFuture.getBody()).contains("scannedAt");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scan", Integer.class))
                .isEqualTo(before);
    }

    private JsonNode occupancy() throws Exception {
        ResponseEntity<String> answer = gate.get("/checkin/v1/occupancy", String.class);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return json.readTree(answer.getBody());
    }

    private static long garden(JsonNode occupancy) {
        return area(occupancy, "GARDEN");
    }

    private static long area(JsonNode occupancy, String name) {
        for (JsonNode area : occupancy.path("areas")) {
            if (area.path("area").asText().equals(name)) {
                return area.path("headcount").asLong();
            }
        }
        return 0;
    }

    private String reason(JsonNode answer) {
        assertThat(answer.path("result").asText()).as(answer.toString()).isEqualTo("REJECTED");
        return answer.path("reason").asText();
    }

    private JsonNode verify(String credential, String direction) throws Exception {
        ResponseEntity<String> answer = gate.post("/checkin/v1/verifications", body(credential, direction));
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return json.readTree(answer.getBody());
    }

    private JsonNode verifyQuietly(String credential, String direction) {
        try {
            return verify(credential, direction);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(String credential, String direction) {
        return "{\"credential\":\"%s\",\"gate\":\"NORTH-1\",\"direction\":\"%s\",\"scannedAt\":\"%s\"}"
                .formatted(credential, direction, Instant.now());
    }
}
