package com.wuhou.ticketing.checkin.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.checkin.device.DeviceService;
import com.wuhou.ticketing.checkin.occupancy.Headcount;
import com.wuhou.ticketing.checkin.pass.TicketPasses;
import com.wuhou.ticketing.order.api.IdDocument;
import com.wuhou.ticketing.order.api.OrderEvents;
import com.wuhou.ticketing.order.api.TicketCredential;
import com.wuhou.ticketing.platform.outbox.StreamEvent;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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

    private static final KeyPair TICKET_KEYS = ed25519();
    private static final byte[] VISITOR_KEY = "a-visitor-hash-key-of-32-bytes!!".getBytes();
    private static final ZoneId MUSEUM = ZoneId.of("Asia/Shanghai");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add(
                "ticketing.checkin.ticket-public-key",
                () -> Base64.getEncoder().encodeToString(TICKET_KEYS.getPublic().getEncoded()));
        registry.add(
                "ticketing.checkin.visitor-hash-key", () -> Base64.getEncoder().encodeToString(VISITOR_KEY));
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

    private String principal;

    @BeforeEach
    void device() {
        principal =
                "device:" + devices.register("测试闸机", "NORTH", "MAIN").device().deviceId();
    }

    @Test
    void shouldAdmitAPaidTicketOnceAndSayWhyTheSecondTime() throws Exception {
        Sold sold = sell(today(), nowWindow(), "330103199001011234");

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
    void shouldLetExactlyOneOfTenGatesAdmitTheSameTicketAtOnce() throws Exception {
        Sold sold = sell(today(), nowWindow(), null);
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
        Sold tomorrow = sell(today().plusDays(1), nowWindow(), null);
        Sold laterToday = sell(today(), farFromNow(), null);
        Sold refunded = sell(today(), nowWindow(), null);
        refund(refunded);
        String unknown = credential("WHUNKNOWN-1", today(), nowWindow());
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
        sell(today(), nowWindow(), idNo);

        JsonNode outFirst = verify(idNo, "OUT");
        JsonNode in = verify(idNo.toLowerCase(), "IN");
        JsonNode out = verify(idNo, "OUT");

        assertThat(reason(outFirst)).isEqualTo("NOT_ADMITTED");
        assertThat(in.path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(out.path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(reason(verify(idNo, "IN"))).isEqualTo("ALREADY_USED");
    }

    @Test
    void shouldFollowInAndOutScansInTheHeadcountAndRaiseTheAlertAtCapacity() throws Exception {
        principal =
                "device:" + devices.register("花园闸机", "WEST", "GARDEN").device().deviceId();
        Sold first = sell(today(), nowWindow(), null);
        Sold second = sell(today(), nowWindow(), null);
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

        ResponseEntity<String> unsigned = post(null, body("T1.x.y", "IN"));
        ResponseEntity<String> sideways = post(principal, body("T1.x.y", "SIDEWAYS"));
        ResponseEntity<String> noTime =
                post(principal, "{\"credential\":\"T1.x.y\",\"gate\":\"N\",\"direction\":\"IN\"}");

        assertThat(unsigned.getStatusCode().value()).isEqualTo(401);
        assertThat(sideways.getStatusCode().value()).isEqualTo(422);
        assertThat(json.readTree(sideways.getBody()).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(noTime.getStatusCode().value()).isEqualTo(422);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scan", Integer.class))
                .isEqualTo(before);
    }

    private JsonNode occupancy() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.set(DeviceService.SIGNED_PRINCIPAL, principal);
        ResponseEntity<String> answer =
                http.exchange("/checkin/v1/occupancy", HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return json.readTree(answer.getBody());
    }

    private static long garden(JsonNode occupancy) {
        for (JsonNode area : occupancy.path("areas")) {
            if (area.path("area").asText().equals("GARDEN")) {
                return area.path("headcount").asLong();
            }
        }
        return 0;
    }

    private record Sold(
            String ticketId, String credential, OrderEvents.Ticket ticket, String orderNo, LocalDate date) {}

    /** A paid ticket as order-service's event brings it, and its QR text. */
    private Sold sell(LocalDate date, LocalTime[] window, String idNo) {
        String orderNo = "WHV"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        String ticketId = orderNo + "-1";
        String hash = new IdDocument(
                        IdDocument.Type.ID_CARD,
                        idNo == null ? "3301031990" + String.format("%08d", SEQUENCE.incrementAndGet()) : idNo)
                .hash(VISITOR_KEY);
        OrderEvents.Ticket ticket = new OrderEvents.Ticket(ticketId, "ADULT", 5000, hash, "张*");
        passes.handle(event(
                OrderEvents.ORDER_PAID,
                new OrderEvents.OrderPaid(orderNo, 7, date, window[0], window[1], "WEB", 5000, List.of(ticket))));
        return new Sold(ticketId, credential(ticketId, date, window), ticket, orderNo, date);
    }

    private void refund(Sold sold) {
        passes.handle(event(
                OrderEvents.TICKETS_REFUNDED,
                new OrderEvents.TicketsRefunded(
                        sold.orderNo(), "RF-" + sold.orderNo(), 7, sold.date(), 5000, List.of(sold.ticket()))));
    }

    private StreamEvent event(String type, Object payload) {
        try {
            return new StreamEvent(
                    UUID.randomUUID().toString(), type, "WH", Instant.now(), json.writeValueAsString(payload));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String credential(String ticketId, LocalDate date, LocalTime[] window) {
        return new TicketCredential(
                        ticketId,
                        7,
                        date,
                        window[0],
                        window[1],
                        "ADULT",
                        TicketCredential.keyId(TICKET_KEYS.getPublic()))
                .sign(TICKET_KEYS.getPrivate());
    }

    private static LocalDate today() {
        return LocalDate.now(MUSEUM);
    }

    /** A slot around now that does not cross midnight. */
    private static LocalTime[] nowWindow() {
        LocalTime now = LocalDateTime.now(MUSEUM).toLocalTime();
        LocalTime start = now.isBefore(LocalTime.of(0, 30)) ? LocalTime.MIDNIGHT : now.minusMinutes(20);
        LocalTime end = now.isAfter(LocalTime.of(23, 20)) ? LocalTime.of(23, 59) : now.plusMinutes(20);
        return new LocalTime[] {start.withNano(0), end.withNano(0)};
    }

    /** A slot today at least two hours away from now, even with the entry grace. */
    private static LocalTime[] farFromNow() {
        LocalTime now = LocalDateTime.now(MUSEUM).toLocalTime();
        return now.isBefore(LocalTime.NOON)
                ? new LocalTime[] {LocalTime.of(20, 0), LocalTime.of(21, 0)}
                : new LocalTime[] {LocalTime.of(1, 0), LocalTime.of(2, 0)};
    }

    private String reason(JsonNode answer) {
        assertThat(answer.path("result").asText()).as(answer.toString()).isEqualTo("REJECTED");
        return answer.path("reason").asText();
    }

    private JsonNode verify(String credential, String direction) throws Exception {
        ResponseEntity<String> answer = post(principal, body(credential, direction));
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

    private ResponseEntity<String> post(String signer, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (signer != null) {
            headers.set(DeviceService.SIGNED_PRINCIPAL, signer);
        }
        return http.exchange(
                "/checkin/v1/verifications", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
