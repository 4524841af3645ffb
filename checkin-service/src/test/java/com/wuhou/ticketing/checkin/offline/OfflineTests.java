package com.wuhou.ticketing.checkin.offline;

import static com.wuhou.ticketing.checkin.SoldTickets.farFromNow;
import static com.wuhou.ticketing.checkin.SoldTickets.nowWindow;
import static com.wuhou.ticketing.checkin.SoldTickets.today;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.checkin.SignedGate;
import com.wuhou.ticketing.checkin.SoldTickets;
import com.wuhou.ticketing.checkin.SoldTickets.Sold;
import com.wuhou.ticketing.checkin.api.OfflinePackage;
import com.wuhou.ticketing.checkin.device.DeviceService;
import com.wuhou.ticketing.checkin.pass.TicketPasses;
import com.wuhou.ticketing.order.api.IdDocument;
import com.wuhou.ticketing.platform.signedrequest.SignedRequests;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Offline gates (real MySQL and Redis, HTTP): the signed day package with its deltas, and uploads. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RealInfrastructure
class OfflineTests {

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

    @Autowired
    MeterRegistry meters;

    private SoldTickets tickets;
    private SignedGate gate;
    private String principal;
    private byte[] secret;

    @BeforeEach
    void device() {
        tickets = new SoldTickets(passes, json);
        DeviceService.Registered gate = devices.register("离线闸机", "SOUTH", "MAIN");
        principal = "device:" + gate.device().deviceId();
        secret = Base64.getUrlDecoder().decode(gate.secret());
        this.gate = new SignedGate(http, gate);
    }

    @Test
    void shouldSignTheDaysPackageForTheDeviceWithHashedIdsAndSendChangesAsDeltas() throws Exception {
        String idNo = "11010519491231002X";
        Sold valid = tickets.sell(today(), nowWindow(), idNo, 2);
        Sold refunded = tickets.sell(today(), nowWindow(), null);
        tickets.refund(refunded);
        Sold tomorrow = tickets.sell(today().plusDays(1), nowWindow(), null);

        ResponseEntity<byte[]> whole = get("/checkin/v1/offline-package?date=" + today());
        OfflinePackage first = json.readValue(whole.getBody(), OfflinePackage.class);

        assertThat(whole.getHeaders().getFirst(OfflinePackage.SIGNATURE_HEADER))
                .isEqualTo(SignedRequests.signature(secret, whole.getBody()));
        assertThat(first.delta()).isFalse();
        assertThat(first.tickets())
                .extracting(OfflinePackage.Ticket::ticketId)
                .contains(valid.ticketId())
                .doesNotContain(refunded.ticketId(), tomorrow.ticketId());
        OfflinePackage.Ticket entry = first.tickets().stream()
                .filter(t -> t.ticketId().equals(valid.ticketId()))
                .findFirst()
                .orElseThrow();
        // A gate finds the ticket from a typed number with the day key, and the number is nowhere in it.
        byte[] dayKey = Base64.getDecoder().decode(first.idKey());
        assertThat(entry.idHash()).isEqualTo(new IdDocument(IdDocument.Type.ID_CARD, idNo).hash(dayKey));
        assertThat(new String(whole.getBody(), StandardCharsets.UTF_8))
                .doesNotContain(idNo, valid.ticket().idHash());
        assertThat(entry.entries()).isEqualTo(2);
        assertThat(first.ticketPublicKeys()).hasSize(1);

        tickets.refund(valid);
        Sold later = tickets.sell(today(), nowWindow(), null);
        OfflinePackage delta = json.readValue(
                get("/checkin/v1/offline-package?date=" + today() + "&since=" + first.cursor())
                        .getBody(),
                OfflinePackage.class);

        assertThat(delta.delta()).isTrue();
        assertThat(delta.tickets())
                .filteredOn(t -> t.ticketId().equals(valid.ticketId()))
                .singleElement()
                .satisfies(t -> assertThat(t.status()).isEqualTo(OfflinePackage.REFUNDED));
        assertThat(delta.tickets()).extracting(OfflinePackage.Ticket::ticketId).contains(later.ticketId());
    }

    @Test
    void shouldCarryEntriesAnOfflineGateReportsLateInTheNextDelta() throws Exception {
        Sold sold = tickets.sell(today(), nowWindow(), null, 2);
        OfflinePackage first = json.readValue(
                get("/checkin/v1/offline-package?date=" + today()).getBody(), OfflinePackage.class);
        // Let in by a gate that was offline, before that package was made, and reported only now.
        Instant letIn = Instant.ofEpochMilli(first.cursor()).minusSeconds(20);
        post("/checkin/v1/offline-scans", upload(scanAt("late", sold.ticketId(), letIn)));

        OfflinePackage delta = json.readValue(
                get("/checkin/v1/offline-package?date=" + today() + "&since=" + first.cursor())
                        .getBody(),
                OfflinePackage.class);

        assertThat(delta.tickets())
                .filteredOn(t -> t.ticketId().equals(sold.ticketId()))
                .singleElement()
                .satisfies(t -> assertThat(t.entries()).isEqualTo(1));
    }

    @Test
    void shouldRefuseUnsignedCallersAndDatesOutOfRange() {
        HttpHeaders none = new HttpHeaders();
        ResponseEntity<String> unsigned = http.exchange(
                "/checkin/v1/offline-package?date=" + today(), HttpMethod.GET, new HttpEntity<>(none), String.class);
        ResponseEntity<byte[]> farAhead = get("/checkin/v1/offline-package?date=" + today().plusDays(30));
        ResponseEntity<byte[]> notADate = get("/checkin/v1/offline-package?date=tomorrow");

        assertThat(unsigned.getStatusCode().value()).isEqualTo(401);
        assertThat(farAhead.getStatusCode().value()).isEqualTo(422);
        assertThat(notADate.getStatusCode().value()).isBetween(400, 422);
    }

    @Test
    void shouldTakeUploadsOnceAndKeepConflictsWithTheirReasons() throws Exception {
        Sold offlineOnly = tickets.sell(today(), nowWindow(), null);
        Sold alsoOnline = tickets.sell(today(), nowWindow(), null);
        Sold refunded = tickets.sell(today(), nowWindow(), null);
        tickets.refund(refunded);
        Sold otherDay = tickets.sell(today().plusDays(1), farFromNow(), null);
        // Meanwhile a gate that was online admitted one of them.
        assertThat(verify(alsoOnline.credential()).path("result").asText()).isEqualTo("ACCEPTED");
        double conflictsBefore = conflicts();
        String upload = upload(
                scan("a", offlineOnly.ticketId(), "IN"),
                scan("b", alsoOnline.ticketId(), "IN"),
                scan("c", refunded.ticketId(), "IN"),
                scan("d", otherDay.ticketId(), "IN"),
                scan("e", "WHNOSUCHTICKET-1", "IN"),
                scan("f", offlineOnly.ticketId(), "OUT"));

        JsonNode first = post("/checkin/v1/offline-scans", upload);
        JsonNode again = post("/checkin/v1/offline-scans", upload);

        assertThat(first.path("accepted").asInt()).isEqualTo(2);
        assertThat(first.path("conflicts").asInt()).isEqualTo(4);
        assertThat(first.path("outcomes"))
                .extracting(
                        o -> o.path("outcome").asText() + ":" + o.path("reason").asText())
                .containsExactly(
                        "accepted:",
                        "conflict:ALREADY_USED",
                        "conflict:REFUNDED",
                        "conflict:NOT_TODAY",
                        "conflict:UNKNOWN",
                        "accepted:");
        assertThat(again.path("duplicates").asInt()).isEqualTo(6);
        assertThat(again.path("outcomes").get(1).path("reason").asText()).isEqualTo("conflict");
        // Kept for operators, counted, and the admitted ticket used: online it is now refused.
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM offline_scan WHERE outcome = 'conflict' AND device_id = ?",
                        Integer.class,
                        Long.parseLong(principal.substring(7))))
                .isEqualTo(4);
        assertThat(conflicts() - conflictsBefore).isEqualTo(4.0);
        assertThat(verify(offlineOnly.credential()).path("reason").asText()).isEqualTo("ALREADY_USED");
        assertThat(jdbc.queryForObject(
                        "SELECT offline FROM redemption WHERE ticket_id = ?", Boolean.class, offlineOnly.ticketId()))
                .isTrue();
    }

    /** An exit the offline gate opened for someone who never came in here takes nobody out of the count. */
    @Test
    void shouldKeepAnOfflineOutThatMatchesNoInAsAConflictThatDoesNotCount() throws Exception {
        Sold neverIn = tickets.sell(today(), nowWindow(), null);
        Integer countedBefore = countedOuts(neverIn);

        JsonNode uploaded = post("/checkin/v1/offline-scans", upload(scan("o", neverIn.ticketId(), "OUT")));

        assertThat(uploaded.path("conflicts").asInt()).isEqualTo(1);
        assertThat(uploaded.path("outcomes").get(0).path("reason").asText()).isEqualTo("NOT_ADMITTED");
        assertThat(countedOuts(neverIn)).isEqualTo(countedBefore);
    }

    private Integer countedOuts(Sold sold) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM scan WHERE ticket_id = ? AND direction = 'OUT' AND result = 'ACCEPTED'",
                Integer.class,
                sold.ticketId());
    }

    @Test
    void shouldRefuseAnUploadWithScansFromTheFutureAndApplyNoneOfIt() throws Exception {
        Sold sold = tickets.sell(today(), nowWindow(), null);
        String upload = "{\"scans\":[%s,%s]}"
                .formatted(
                        scan("ok", sold.ticketId(), "IN"),
                        scanAt("late", sold.ticketId(), Instant.now().plus(1, ChronoUnit.HOURS)));

        ResponseEntity<String> answer = exchange("/checkin/v1/offline-scans", upload);

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM redemption WHERE ticket_id = ?", Integer.class, sold.ticketId()))
                .isZero();
    }

    private double conflicts() {
        return meters.find("checkin.offline.conflicts").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private String scan(String suffix, String ticketId, String direction) {
        return "{\"scanId\":\"%s\",\"ticketId\":\"%s\",\"gate\":\"SOUTH-2\",\"direction\":\"%s\",\"scannedAt\":\"%s\"}"
                .formatted(
                        principal.substring(7) + "-" + suffix + "-" + UUID.randomUUID(),
                        ticketId,
                        direction,
                        Instant.now().minusSeconds(60));
    }

    private String scanAt(String suffix, String ticketId, Instant at) {
        return "{\"scanId\":\"%s\",\"ticketId\":\"%s\",\"gate\":\"SOUTH-2\",\"direction\":\"IN\",\"scannedAt\":\"%s\"}"
                .formatted(suffix + "-" + UUID.randomUUID(), ticketId, at);
    }

    private static String upload(String... scans) {
        return "{\"scans\":[" + String.join(",", scans) + "]}";
    }

    private JsonNode verify(String credential) throws Exception {
        return post(
                "/checkin/v1/verifications",
                "{\"credential\":\"%s\",\"gate\":\"SOUTH-1\",\"direction\":\"IN\",\"scannedAt\":\"%s\"}"
                        .formatted(credential, Instant.now()));
    }

    private JsonNode post(String path, String body) throws Exception {
        ResponseEntity<String> answer = exchange(path, body);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return json.readTree(answer.getBody());
    }

    private ResponseEntity<String> exchange(String path, String body) {
        return gate.post(path, body);
    }

    private ResponseEntity<byte[]> get(String path) {
        return gate.get(path, byte[].class);
    }
}
