package com.wuhou.ticketing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.wuhou.ticketing.order.api.TicketCredential;
import com.wuhou.ticketing.platform.signedrequest.SignedRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gate verifications at a fixed rate, first straight to checkin-service (as the gateway would call
 * it, the device already verified), then through the gateway with device signatures, then their
 * floor ({@link GateFloor}) at the same rate. Every scan
 * is a first entry of its own paid ticket, so each one reads the read model, writes its redemption,
 * its event and its scan record: the full work of an admission.
 *
 * <p>Tickets are put into checkin-service's read model directly (as order events would) with QR
 * credentials signed by the devstack's ticket key, so the load is not limited by buying them.
 */
final class GateLoad {

    private static final ZoneId MUSEUM = ZoneId.of("Asia/Shanghai");
    private static final String ACCEPTED = "ACCEPTED";
    private static final Pattern REASON = Pattern.compile("\"reason\":\"([A-Z_]+)\"");

    private final Bench bench;
    private final String jdbcUrl;
    private final Path secrets;
    private final String checkin;
    private final String gateway;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4))
            .build();

    GateLoad(Bench bench, String jdbcUrl, Path home, String checkin, String gateway) {
        this.bench = bench;
        this.jdbcUrl = jdbcUrl;
        this.secrets = home.resolve("secrets");
        this.checkin = checkin;
        this.gateway = gateway;
    }

    /**
     * At the service and through the gateway ({@code via}: either or both), then the floor: each a
     * warm-up followed by the measured run at the same rate, and the ratios to the floor.
     *
     * @param floorThreads the floor's connections: checkin-service's pool (10) is the service's concurrency
     */
    void run(int perSecond, int seconds, int warmupSeconds, String via, int floorThreads, int interval) {
        JsonNode device = bench.registerDevice("压测闸机", "BENCH", "BENCH");
        String keyId = device.path("keyId").asText();
        byte[] secret = Base64.getUrlDecoder().decode(device.path("secret").asText());
        Map<String, Result> results = new LinkedHashMap<>();
        for (String where : List.of("service", "gateway")) {
            if (!via.equals("both") && !via.equals(where)) {
                continue;
            }
            boolean viaGateway = where.equals("gateway");
            if (warmupSeconds > 0) {
                Bench.heading("gates warm-up, " + where);
                List<HttpRequest> warm = requests(tickets(perSecond * warmupSeconds, true), viaGateway, keyId, secret);
                System.out.println(OpenLoop.run(
                        "warm-up " + where, warm.size(), perSecond, ACCEPTED, interval, i -> send(warm.get(i))));
            }
            Bench.heading("gates at " + perSecond + "/s, " + where + ", measured");
            // Built (and signed) just before the run: well within the 5-minute window of a signature.
            List<HttpRequest> measured = requests(tickets(perSecond * seconds, true), viaGateway, keyId, secret);
            results.put(
                    where,
                    bench.measured(
                            "verification",
                            Result::attempts,
                            () -> OpenLoop.run(
                                    "verify at " + perSecond + "/s, " + where,
                                    measured.size(),
                                    perSecond,
                                    ACCEPTED,
                                    interval,
                                    i -> send(measured.get(i)))));
        }
        Result floor = floor(perSecond, seconds, warmupSeconds, floorThreads, interval);
        System.out.println();
        results.forEach((where, result) -> System.out.printf(
                "gates %s / floor = %.1f / %.1f accepted/s = %.3f (p99 %.1f / %.1f ms)%n",
                where,
                result.perSecond(),
                floor.perSecond(),
                result.perSecond() / floor.perSecond(),
                result.p99Millis(),
                floor.p99Millis()));
    }

    /** The signature check and the three rows by plain JDBC, at the same rate, on {@code threads} connections. */
    private Result floor(int perSecond, int seconds, int warmupSeconds, int threads, int interval) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (GateFloor floor = new GateFloor(jdbcUrl, publicKey())) {
            floor.prepare();
            if (warmupSeconds > 0) {
                Bench.heading("gate floor warm-up");
                List<String> warm = tickets(perSecond * warmupSeconds, false);
                System.out.println(OpenLoop.run(
                        "gate floor warm-up",
                        warm.size(),
                        perSecond,
                        ACCEPTED,
                        interval,
                        i -> CompletableFuture.supplyAsync(() -> floor.verify(warm.get(i)), pool)));
            }
            Bench.heading("gate floor at " + perSecond + "/s, measured");
            List<String> measured = tickets(perSecond * seconds, false);
            return bench.measured(
                    "verification",
                    Result::attempts,
                    () -> OpenLoop.run(
                            "gate floor at " + perSecond + "/s",
                            measured.size(),
                            perSecond,
                            ACCEPTED,
                            interval,
                            i -> CompletableFuture.supplyAsync(() -> floor.verify(measured.get(i)), pool)));
        } finally {
            pool.shutdownNow();
        }
    }

    private CompletableFuture<String> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(GateLoad::outcome);
    }

    private List<HttpRequest> requests(List<String> credentials, boolean viaGateway, String keyId, byte[] secret) {
        String path = "/checkin/v1/verifications";
        List<HttpRequest> requests = new ArrayList<>(credentials.size());
        for (String credential : credentials) {
            byte[] body = ("{\"credential\":\"" + credential + "\",\"gate\":\"BENCH-1\",\"direction\":\"IN\","
                            + "\"scannedAt\":\"" + Instant.now() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create((viaGateway ? gateway : checkin) + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            // Signed ahead of the run (well within the 5-minute window): checkin-service checks the
            // signature itself, also when the gateway is bypassed.
            SignedRequests.sign(keyId, secret, "POST", path, body, Clock.systemUTC())
                    .forEach(request::header);
            requests.add(request.build());
        }
        return requests;
    }

    private static String outcome(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return Integer.toString(response.statusCode());
        }
        if (response.body().contains("\"" + ACCEPTED + "\"")) {
            return ACCEPTED;
        }
        Matcher reason = REASON.matcher(response.body());
        return reason.find() ? reason.group(1) : "REJECTED";
    }

    /**
     * QR texts of {@code count} paid tickets for today, valid all day; with {@code intoReadModel} also
     * written into checkin's read model (the floor does not read it).
     */
    private List<String> tickets(int count, boolean intoReadModel) {
        PrivateKey key = privateKey();
        String keyId = TicketCredential.keyId(publicKey());
        LocalDate today = LocalDate.now(MUSEUM);
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        List<String> credentials = new ArrayList<>(count);
        try (Connection db = DriverManager.getConnection(jdbcUrl)) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO checkin_db.ticket_pass (ticket_id,"
                    + " order_no, session_id, visit_date, start_time, end_time, ticket_type, entries, id_hash,"
                    + " day_hash, visitor_name, status, updated_at) VALUES (?, ?, 0, ?, '00:00', '23:59', 'ADULT', 1,"
                    + " ?, NULL, '压*', 'VALID', UTC_TIMESTAMP(3))")) {
                for (int i = 0; i < count; i++) {
                    String orderNo = "WHBENCH" + run + i;
                    String ticketId = orderNo + "-1";
                    insert.setString(1, ticketId);
                    insert.setString(2, orderNo);
                    insert.setObject(3, today);
                    insert.setString(4, "%064d".formatted(i));
                    if (intoReadModel) {
                        insert.addBatch();
                    }
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                    credentials.add(new TicketCredential(
                                    ticketId, 0, today, LocalTime.MIDNIGHT, LocalTime.of(23, 59), "ADULT", keyId)
                            .sign(key));
                }
                insert.executeBatch();
            }
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write tickets into checkin_db (use --mysql)", e);
        }
        return credentials;
    }

    private PrivateKey privateKey() {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(read("ticket-signing.key")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private PublicKey publicKey() {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(read("ticket-signing.pub")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] read(String file) {
        try {
            return Base64.getDecoder()
                    .decode(Files.readString(secrets.resolve(file)).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " from the devstack's secrets (use --home)", e);
        }
    }
}
