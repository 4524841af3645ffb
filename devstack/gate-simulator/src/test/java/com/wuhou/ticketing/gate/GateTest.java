package com.wuhou.ticketing.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.wuhou.ticketing.checkin.api.OfflinePackage;
import com.wuhou.ticketing.checkin.api.OfflineScans;
import com.wuhou.ticketing.checkin.api.Verification;
import com.wuhou.ticketing.order.api.IdDocument;
import com.wuhou.ticketing.order.api.TicketCredential;
import com.wuhou.ticketing.platform.signedrequest.SignedRequests;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTest {

    /** 10:00 on 1 May 2026 in Chengdu: inside the 09:00-11:00 session. */
    static final Instant NOW = Instant.parse("2026-05-01T02:00:00Z");

    static final LocalDate TODAY = LocalDate.of(2026, 5, 1);
    static final String KEY_ID = "gate-test";
    static final String ID_CARD = "11010519491231002X";
    static final String PASSPORT = "E12345678";

    @TempDir
    Path state;

    final byte[] secret = random(32);
    final byte[] idKey = random(32);
    KeyPair ticketKeys;
    String ticketKeyId;
    FakePlatform platform;

    @BeforeEach
    void start() throws IOException, NoSuchAlgorithmException {
        ticketKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ticketKeyId = TicketCredential.keyId(ticketKeys.getPublic());
        platform = new FakePlatform(secret);
        platform.fullPackage = fullPackage();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void passesTheOnlineAnswerThroughAndSignsEveryRequest() {
        Verification.Ticket ticket =
                new Verification.Ticket("E1", "ADULT", LocalTime.of(9, 0), LocalTime.of(11, 0), "张*");
        platform.verifications = request -> request.direction().equals("IN")
                ? Verification.accepted(ticket)
                : Verification.rejected(Verification.Reason.NOT_ADMITTED, ticket);
        Gate gate = gate();

        assertThat(gate.scan(qr("E1", TODAY), "in"))
                .isEqualTo(new Scan(Scan.Mode.ONLINE, "ACCEPTED", null, "E1", "张*"));
        assertThat(gate.scan(qr("E1", TODAY), "OUT"))
                .isEqualTo(new Scan(Scan.Mode.ONLINE, "REJECTED", "NOT_ADMITTED", "E1", "张*"));

        FakePlatform.Request sent = platform.requests.get(0);
        Verification.Request body = Json.read(sent.body(), Verification.Request.class);
        assertThat(body).isEqualTo(new Verification.Request(qr("E1", TODAY), "EAST-1", "IN", NOW));
        assertThat(sent.signatureHeaders()).containsEntry(SignedRequests.KEY_ID, KEY_ID);
        assertThat(sent.signatureHeaders())
                .containsEntry(SignedRequests.TIMESTAMP, Long.toString(NOW.toEpochMilli()))
                .containsKey(SignedRequests.NONCE);
        String canonical = SignedRequests.canonical(
                "POST",
                Gate.VERIFICATIONS,
                sent.signatureHeaders().get(SignedRequests.TIMESTAMP),
                sent.signatureHeaders().get(SignedRequests.NONCE),
                SignedRequests.bodyHash(sent.body()));
        assertThat(sent.signatureHeaders())
                .containsEntry(SignedRequests.SIGNATURE, SignedRequests.signature(secret, canonical));
        assertThat(gate.pending()).isZero();
    }

    @Test
    void throwsOnAnotherClientErrorInsteadOfGoingOffline() {
        Gate gate = gate();
        gate.refresh();
        platform.errorStatus = 401;

        assertThatThrownBy(() -> gate.scan(qr("E1", TODAY), "IN"))
                .isInstanceOfSatisfying(PlatformErrorException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.body()).contains("bad signature");
                });
        assertThat(gate.pending()).isZero();
    }

    @Test
    void admitsOfflineFromThePackageOnceWhenThePlatformIsDown() throws IOException {
        Gate gate = gate();
        OfflinePackage synced = gate.refresh();
        assertThat(synced.tickets()).hasSize(4);
        assertThat(platform.requests.get(0).pathWithQuery()).isEqualTo(Gate.OFFLINE_PACKAGE + "?date=2026-05-01");
        platform.down = true;

        assertThat(gate.scan(qr("E1", TODAY), "IN"))
                .isEqualTo(new Scan(Scan.Mode.OFFLINE, "ACCEPTED", null, "E1", "张*"));
        assertThat(gate.scan(qr("E1", TODAY), "IN"))
                .isEqualTo(new Scan(Scan.Mode.OFFLINE, "REJECTED", "ALREADY_USED", "E1", "张*"));
        assertThat(gate.scan(qr("E1", TODAY), "OUT").accepted()).isTrue();

        List<OfflineScans.Scan> journal = journal();
        assertThat(journal).extracting(OfflineScans.Scan::ticketId).containsExactly("E1", "E1");
        assertThat(journal).extracting(OfflineScans.Scan::direction).containsExactly("IN", "OUT");
        assertThat(journal.get(0).gate()).isEqualTo("EAST-1");
        assertThat(journal.get(0).scannedAt()).isEqualTo(NOW);
        assertThat(UUID.fromString(journal.get(0).scanId())).isNotNull();
        assertThat(gate.pending()).isEqualTo(2);
    }

    @Test
    void appliesTheDayAndSessionRulesOffline() throws NoSuchAlgorithmException {
        Gate gate = gate();
        gate.refresh();
        platform.down = true;
        PrivateKey stranger =
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();

        assertThat(gate.scan(qr("E9", TODAY.plusDays(1)), "IN").reason()).isEqualTo("NOT_TODAY");
        assertThat(gate.scan(qr("E9", TODAY), "IN").reason()).isEqualTo("UNKNOWN");
        assertThat(gate.scan(qr("E3", TODAY), "IN"))
                .isEqualTo(new Scan(Scan.Mode.OFFLINE, "REJECTED", "OUTSIDE_SESSION", "E3", "王*"));
        assertThat(gate.scan(credential("E1", TODAY).sign(stranger), "IN").reason())
                .isEqualTo("BAD_SIGNATURE");
        assertThat(gate.scan("T1.garbage", "IN").reason()).isEqualTo("BAD_SIGNATURE");
        assertThat(gate.pending()).isZero();

        // 11:25 is within the 30 minutes' grace after an 11:00 end.
        Gate late = gate(Clock.fixed(NOW.plus(Duration.ofMinutes(85)), ZoneOffset.UTC));
        assertThat(late.scan(qr("E1", TODAY), "IN").accepted()).isTrue();
    }

    @Test
    void mergesADeltaByTicketIdAndRefusesARefundedTicketOffline() {
        Gate gate = gate();
        gate.refresh();
        OfflinePackage full = platform.fullPackage;
        platform.deltaPackage = new OfflinePackage(
                TODAY,
                full.cursor() + 1000,
                true,
                full.idKey(),
                full.ticketPublicKeys(),
                30,
                List.of(ticket("E4", "赵*", null, 1, OfflinePackage.REFUNDED), ticket("E5", "钱*", null, 1, "VALID")));

        OfflinePackage merged = gate.refresh();

        assertThat(platform.requests.get(1).pathWithQuery())
                .isEqualTo(Gate.OFFLINE_PACKAGE + "?date=2026-05-01&since=" + full.cursor());
        assertThat(merged.cursor()).isEqualTo(full.cursor() + 1000);
        assertThat(merged.delta()).isFalse();
        assertThat(merged.tickets())
                .extracting(OfflinePackage.Ticket::ticketId)
                .containsExactly("E1", "E2", "E3", "E4", "E5");
        assertThat(gate.storedPackage()).contains(merged);
        platform.down = true;
        assertThat(gate.scan(qr("E4", TODAY), "IN"))
                .isEqualTo(new Scan(Scan.Mode.OFFLINE, "REJECTED", "REFUNDED", "E4", "赵*"));
        assertThat(gate.scan(qr("E5", TODAY), "IN").accepted()).isTrue();
    }

    @Test
    void matchesAnIdNumberThroughTheDayKey() {
        Gate gate = gate();
        gate.refresh();
        platform.down = true;

        // Typed with spaces and a lower-case x: normalised like the platform does.
        assertThat(gate.scan("110105 19491231 002x", "IN"))
                .isEqualTo(new Scan(Scan.Mode.OFFLINE, "ACCEPTED", null, "E1", "张*"));
        // A passport number, on a ticket good for two entries.
        assertThat(gate.scan(PASSPORT, "IN").ticketId()).isEqualTo("E2");
        assertThat(gate.scan(PASSPORT, "IN").accepted()).isTrue();
        assertThat(gate.scan(PASSPORT, "IN").reason()).isEqualTo("ALREADY_USED");
        assertThat(gate.scan("110101199001011234", "IN"))
                .isEqualTo(new Scan(Scan.Mode.OFFLINE, "REJECTED", "UNKNOWN", null, null));
    }

    @Test
    void refusesAPackageWithAWrongSignatureOrDateAndKeepsTheStoredOne() throws IOException {
        Gate gate = gate();
        gate.refresh();
        Path file = state.resolve("package-2026-05-01.json");
        byte[] stored = Files.readAllBytes(file);
        platform.deltaPackage = new OfflinePackage(
                TODAY, 99, true, null, Map.of(), 30, List.of(ticket("E1", "张*", null, 1, OfflinePackage.REFUNDED)));
        platform.packageKey = random(32);

        assertThatThrownBy(gate::refresh)
                .isInstanceOf(PackageRefusedException.class)
                .hasMessageContaining("signature");

        platform.packageKey = secret;
        platform.deltaPackage = new OfflinePackage(TODAY.plusDays(1), 99, true, null, Map.of(), 30, List.of());
        assertThatThrownBy(gate::refresh)
                .isInstanceOf(PackageRefusedException.class)
                .hasMessageContaining("2026-05-02");

        assertThat(Files.readAllBytes(file)).isEqualTo(stored);
        platform.down = true;
        assertThat(gate.scan(qr("E1", TODAY), "IN").accepted()).isTrue();
    }

    @Test
    void rejectsOfflineWithoutAPackageAndFallsBackOnAConnectError() throws IOException {
        assertThat(gate(deadUri()).scan(qr("E1", TODAY), "IN"))
                .isEqualTo(new Scan(Scan.Mode.OFFLINE, "REJECTED", "NO_OFFLINE_PACKAGE", null, null));

        gate().refresh();
        Gate unreachable = gate(deadUri());
        assertThat(unreachable.scan(qr("E1", TODAY), "IN").mode()).isEqualTo(Scan.Mode.OFFLINE);
        assertThat(unreachable.pending()).isEqualTo(1);
        assertThatThrownBy(unreachable::upload).isInstanceOf(PlatformUnavailableException.class);
        assertThatThrownBy(unreachable::refresh).isInstanceOf(PlatformUnavailableException.class);
        assertThat(unreachable.pending()).isEqualTo(1);
    }

    @Test
    void keepsTheJournalAcrossARestartAndUploadsItFirstWhenThePlatformIsBack() throws IOException {
        Gate gate = gate();
        gate.refresh();
        platform.down = true;
        gate.scan(qr("E1", TODAY), "IN");
        gate.scan(PASSPORT, "IN");

        Gate restarted = gate();
        assertThat(restarted.pending()).isEqualTo(2);
        assertThat(restarted.scan(qr("E1", TODAY), "IN").reason()).isEqualTo("ALREADY_USED");

        platform.down = false;
        platform.conflictTickets.add("E2");
        platform.requests.clear();
        assertThat(restarted.scan(qr("E3", TODAY), "IN").mode()).isEqualTo(Scan.Mode.ONLINE);

        assertThat(platform.requests)
                .extracting(FakePlatform.Request::path)
                .containsExactly(Gate.OFFLINE_SCANS, Gate.VERIFICATIONS);
        assertThat(restarted.pending()).isZero();
        OfflineScans.Result uploaded = restarted.lastUpload().orElseThrow();
        assertThat(uploaded.accepted()).isEqualTo(1);
        assertThat(uploaded.conflicts()).isEqualTo(1);
        assertThat(uploaded.outcomes())
                .filteredOn(o -> o.outcome().equals(OfflineScans.CONFLICT))
                .extracting(OfflineScans.Outcome::ticketId, OfflineScans.Outcome::reason)
                .containsExactly(tuple("E2", "ALREADY_USED"));
        assertThat(lines(state.resolve("conflicts.jsonl")))
                .singleElement()
                .asString()
                .contains("E2");

        // Uploaded scans still count: down again, E1 is not let in a second time.
        platform.down = true;
        assertThat(restarted.scan(qr("E1", TODAY), "IN").reason()).isEqualTo("ALREADY_USED");
    }

    @Test
    void countsAnOnlineAdmissionWhenItGoesOffline() {
        platform.verifications = request -> Verification.accepted(
                new Verification.Ticket("E1", "ADULT", LocalTime.of(9, 0), LocalTime.of(11, 0), "张*"));
        Gate gate = gate();
        gate.refresh();
        assertThat(gate.scan(qr("E1", TODAY), "IN").mode()).isEqualTo(Scan.Mode.ONLINE);

        platform.down = true;
        assertThat(gate.scan(qr("E1", TODAY), "IN").reason()).isEqualTo("ALREADY_USED");
    }

    @Test
    void uploadsInBatchesOfAThousand() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            lines.add(new String(
                    Json.write(new OfflineScans.Scan("s-" + i, "E" + i, "EAST-1", "IN", NOW)), StandardCharsets.UTF_8));
        }
        Files.write(state.resolve("journal.jsonl"), lines);
        platform.conflictTickets.add("E7");
        Gate gate = gate();

        OfflineScans.Result result = gate.upload();

        assertThat(platform.requestsTo(Gate.OFFLINE_SCANS))
                .extracting(r ->
                        Json.read(r.body(), OfflineScans.Upload.class).scans().size())
                .containsExactly(1000, 1000, 500);
        assertThat(result.accepted()).isEqualTo(2499);
        assertThat(result.conflicts()).isEqualTo(1);
        assertThat(result.outcomes()).hasSize(2500);
        assertThat(gate.pending()).isZero();
        assertThat(gate.upload()).isEqualTo(new OfflineScans.Result(0, 0, 0, List.of()));
    }

    @Test
    void dropsATornLastJournalLineAndKeepsAppending() throws IOException {
        Gate gate = gate();
        gate.refresh();
        platform.down = true;
        gate.scan(qr("E1", TODAY), "IN");
        Files.writeString(state.resolve("journal.jsonl"), "{\"scanId\":\"half-writ", StandardOpenOption.APPEND);

        Gate restarted = gate();
        assertThat(restarted.pending()).isEqualTo(1);
        assertThat(restarted.scan(PASSPORT, "IN").accepted()).isTrue();
        assertThat(restarted.pending()).isEqualTo(2);
        assertThat(lines(state.resolve("journal.jsonl"))).hasSize(2).noneMatch(l -> l.contains("half"));
    }

    // --- fixtures

    Gate gate() {
        return gate(platform.uri());
    }

    Gate gate(URI uri) {
        return new Gate(new GateConfig(
                uri, KEY_ID, secret, "EAST-1", state, Duration.ofSeconds(2), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    Gate gate(Clock clock) {
        return new Gate(new GateConfig(platform.uri(), KEY_ID, secret, "EAST-1", state, null, clock));
    }

    OfflinePackage fullPackage() {
        return new OfflinePackage(
                TODAY,
                1_777_600_000_000L,
                false,
                Base64.getEncoder().encodeToString(idKey),
                Map.of(
                        ticketKeyId,
                        Base64.getEncoder()
                                .encodeToString(ticketKeys.getPublic().getEncoded())),
                30,
                List.of(
                        ticket("E1", "张*", new IdDocument(IdDocument.Type.ID_CARD, ID_CARD).hash(idKey), 1, "VALID"),
                        ticket("E2", "李*", new IdDocument(IdDocument.Type.PASSPORT, PASSPORT).hash(idKey), 2, "VALID"),
                        new OfflinePackage.Ticket(
                                "E3", "ADULT", LocalTime.of(14, 0), LocalTime.of(16, 0), "王*", null, 1, "VALID"),
                        ticket("E4", "赵*", null, 1, "VALID")));
    }

    static OfflinePackage.Ticket ticket(String id, String name, String idHash, int entries, String status) {
        return new OfflinePackage.Ticket(
                id, "ADULT", LocalTime.of(9, 0), LocalTime.of(11, 0), name, idHash, entries, status);
    }

    TicketCredential credential(String ticketId, LocalDate date) {
        return new TicketCredential(ticketId, 7, date, LocalTime.of(9, 0), LocalTime.of(11, 0), "ADULT", ticketKeyId);
    }

    String qr(String ticketId, LocalDate date) {
        return credential(ticketId, date).sign(ticketKeys.getPrivate());
    }

    List<OfflineScans.Scan> journal() throws IOException {
        return lines(state.resolve("journal.jsonl")).stream()
                .map(l -> Json.read(l.getBytes(StandardCharsets.UTF_8), OfflineScans.Scan.class))
                .toList();
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    static URI deadUri() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
