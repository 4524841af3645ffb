package com.wuhou.ticketing.checkin.verification;

import static com.wuhou.ticketing.checkin.SoldTickets.nowWindow;
import static com.wuhou.ticketing.checkin.SoldTickets.today;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.checkin.SignedGate;
import com.wuhou.ticketing.checkin.SoldTickets;
import com.wuhou.ticketing.checkin.SoldTickets.Sold;
import com.wuhou.ticketing.checkin.api.Verification;
import com.wuhou.ticketing.checkin.device.Device;
import com.wuhou.ticketing.checkin.device.DeviceService;
import com.wuhou.ticketing.checkin.pass.TicketPasses;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scans of many gates decided and written together (group commit): one entry for one ticket however
 * many gates scan it at once, each scan of a group recorded with its own answer, and a group that one
 * bad scan breaks written again one by one, with nothing of the bad scan half-written, and a gate
 * answered 503 in bounded time when its ticket stays locked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RealInfrastructure
class GroupCommitTests {

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        SoldTickets.keys(registry);
        registry.add("ticketing.checkin.group-commit.answer-timeout", () -> "2s");
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
    Verifications verifications;

    @Autowired
    GateWriter writer;

    @Autowired
    TransactionTemplate transactions;

    private SoldTickets tickets;
    private DeviceService.Registered registered;

    @BeforeEach
    void device() {
        tickets = new SoldTickets(passes, json);
        registered = devices.register("分组闸机", "SOUTH", "MAIN");
    }

    @Test
    void shouldAdmitOnceAndRecordEveryScanWhenManyGatesScanTheSameTicketAtOnce() {
        Sold sold = tickets.sell(today(), nowWindow(), null);
        List<SignedGate> gates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            gates.add(new SignedGate(http, devices.register("闸机 " + i, "SOUTH-" + i, "MAIN")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            SignedGate gate = gates.get(i % gates.size());
            answers.add(CompletableFuture.supplyAsync(() -> verify(gate, sold.credential()), pool));
        }

        List<JsonNode> results = answers.stream().map(CompletableFuture::join).toList();
        pool.shutdown();

        assertThat(results)
                .filteredOn(a -> a.path("result").asText().equals("ACCEPTED"))
                .hasSize(1);
        assertThat(results)
                .filteredOn(a -> a.path("reason").asText().equals("ALREADY_USED"))
                .hasSize(31);
        assertThat(count("SELECT COUNT(*) FROM scan WHERE ticket_id = ?", sold.ticketId()))
                .isEqualTo(32);
        assertThat(count("SELECT COUNT(*) FROM scan WHERE ticket_id = ? AND result = 'ACCEPTED'", sold.ticketId()))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM redemption WHERE ticket_id = ?", sold.ticketId()))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = ?", sold.ticketId()))
                .isEqualTo(1);
    }

    @Test
    void shouldRecordEachScanOfAGroupWithItsOwnAnswer() {
        Sold valid = tickets.sell(today(), nowWindow(), null);
        Sold refunded = tickets.sell(today(), nowWindow(), null);
        tickets.refund(refunded);
        Sold tomorrow = tickets.sell(today().plusDays(1), nowWindow(), null);
        String forged = valid.credential().substring(0, valid.credential().length() - 3) + "AAA";
        List<GateWriter.Member> group = List.of(
                member(valid.credential(), "IN", "SOUTH-1"),
                member(valid.credential(), "IN", "SOUTH-2"),
                member(refunded.credential(), "IN", "SOUTH-1"),
                member(tomorrow.credential(), "IN", "SOUTH-1"),
                member(forged, "IN", "SOUTH-1"),
                member(valid.credential(), "OUT", "SOUTH-3"));

        writer.write(group);

        assertThat(group)
                .extracting(m -> answer(m))
                .containsExactly("ACCEPTED", "ALREADY_USED", "REFUNDED", "NOT_TODAY", "BAD_SIGNATURE", "ACCEPTED");
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(gate, ' ', direction, ' ', result, ' ', COALESCE(reason, '-')) FROM scan"
                                + " WHERE ticket_id = ? ORDER BY id",
                        String.class,
                        valid.ticketId()))
                .containsExactly("SOUTH-1 IN ACCEPTED -", "SOUTH-2 IN REJECTED ALREADY_USED", "SOUTH-3 OUT ACCEPTED -");
        assertThat(jdbc.queryForObject(
                        "SELECT reason FROM scan WHERE ticket_id = ?", String.class, refunded.ticketId()))
                .isEqualTo("REFUNDED");
        assertThat(jdbc.queryForObject(
                        "SELECT reason FROM scan WHERE ticket_id = ?", String.class, tomorrow.ticketId()))
                .isEqualTo("NOT_TODAY");
        assertThat(count(
                        "SELECT COUNT(*) FROM scan WHERE device_id = ? AND ticket_id IS NULL AND reason = 'BAD_SIGNATURE'",
                        registered.device().deviceId()))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM redemption WHERE ticket_id = ?", valid.ticketId()))
                .isEqualTo(1);
    }

    @Test
    void shouldWriteTheOthersOneByOneWhenOneScanBreaksTheGroup() {
        Sold first = tickets.sell(today(), nowWindow(), null);
        Sold broken = tickets.sell(today(), nowWindow(), null);
        // Longer than the column: the group's multi-row insert fails as a whole, as any bad row would.
        String tooLong = "G".repeat(65);
        List<GateWriter.Member> group = List.of(
                member(first.credential(), "IN", "SOUTH-1"),
                member(broken.credential(), "IN", tooLong),
                member(first.credential(), "IN", "SOUTH-2"));

        writer.write(group);

        assertThat(answer(group.get(0))).isEqualTo("ACCEPTED");
        assertThat(group.get(1).answer())
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(answer(group.get(2))).isEqualTo("ALREADY_USED");
        assertThat(count("SELECT COUNT(*) FROM redemption WHERE ticket_id = ?", first.ticketId()))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM scan WHERE ticket_id = ?", first.ticketId()))
                .isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = ?", first.ticketId()))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM redemption WHERE ticket_id = ?", broken.ticketId()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM scan WHERE ticket_id = ?", broken.ticketId()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = ?", broken.ticketId()))
                .isZero();
    }

    @Test
    void shouldAnswer503InsteadOfWaitingForeverWhenTheTicketStaysLocked() throws Exception {
        Sold sold = tickets.sell(today(), nowWindow(), null);
        SignedGate gate = new SignedGate(http, registered);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            jdbc.queryForList("SELECT status FROM ticket_pass WHERE ticket_id = ? FOR UPDATE", sold.ticketId());
            locked.countDown();
            await(release);
        }));
        await(locked);

        long started = System.nanoTime();
        HttpResponse<String> waited = once(gate, body(sold.credential(), "SOUTH-1"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);

        assertThat(waited.statusCode()).as(waited.body()).isEqualTo(503);
        assertThat(json.readTree(waited.body()).path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        // The gate was told 503 and nothing was committed: once the lock is free the ticket gets in.
        assertThat(verify(gate, sold.credential()).path("result").asText()).isEqualTo("ACCEPTED");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private GateWriter.Member member(String credential, String direction, String gate) {
        Device device = registered.device();
        return new GateWriter.Member(
                verifications.admission(device, new Verifications.Scan(credential, gate, direction, Instant.now())));
    }

    /** The result, or the reason of a refusal. */
    private static String answer(GateWriter.Member member) {
        Verification answer = member.answer().join();
        return answer.reason() == null ? answer.result() : answer.reason();
    }

    private JsonNode verify(SignedGate gate, String credential) {
        ResponseEntity<String> answer = gate.post("/checkin/v1/verifications", body(credential, "SOUTH-1"));
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        try {
            return json.readTree(answer.getBody());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One request, without the test client's own retry of a 503. */
    private HttpResponse<String> once(SignedGate gate, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(http.getRootUri() + "/checkin/v1/verifications"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        gate.headers(HttpMethod.POST, "/checkin/v1/verifications", body)
                .forEach((name, values) -> request.header(name, values.get(0)));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String body(String credential, String gate) {
        return "{\"credential\":\"%s\",\"gate\":\"%s\",\"direction\":\"IN\",\"scannedAt\":\"%s\"}"
                .formatted(credential, gate, Instant.now());
    }

    private int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }
}
