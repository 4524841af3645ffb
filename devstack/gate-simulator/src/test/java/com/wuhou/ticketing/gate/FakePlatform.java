package com.wuhou.ticketing.gate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.wuhou.ticketing.checkin.api.OfflinePackage;
import com.wuhou.ticketing.checkin.api.OfflineScans;
import com.wuhou.ticketing.checkin.api.Verification;
import com.wuhou.ticketing.platform.signedrequest.SignedRequests;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Just enough of the platform's /checkin/v1 for the gate client: records every request, signs packages
 * with the device secret, and can be switched down (503, as the gateway answers without checkin-service).
 */
final class FakePlatform implements AutoCloseable {

    /** One request as received. */
    record Request(String method, String pathWithQuery, Map<String, String> signatureHeaders, byte[] body) {

        String path() {
            return pathWithQuery.replaceFirst("\\?.*", "");
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final Set<String> conflictTickets = ConcurrentHashMap.newKeySet();
    volatile boolean down;
    volatile OfflinePackage fullPackage;
    volatile OfflinePackage deltaPackage;
    volatile byte[] packageKey;
    volatile int errorStatus;
    volatile Function<Verification.Request, Verification> verifications =
            request -> Verification.rejected(Verification.Reason.UNKNOWN, null);

    private final HttpServer server;
    private final Map<String, String> firstAnswers = new ConcurrentHashMap<>();

    FakePlatform(byte[] deviceSecret) throws IOException {
        this.packageKey = deviceSecret;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            String pathWithQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            Map<String, String> signature = new ConcurrentHashMap<>();
            for (String header : List.of(
                    SignedRequests.KEY_ID, SignedRequests.TIMESTAMP, SignedRequests.NONCE, SignedRequests.SIGNATURE)) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    signature.put(header, value);
                }
            }
            requests.add(new Request(exchange.getRequestMethod(), pathWithQuery, signature, body));
            if (down) {
                respond(exchange, 503, "text/plain", "Service Unavailable".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (errorStatus != 0) {
                respond(exchange, errorStatus, "application/problem+json", """
                        {"title":"Unauthorized","status":401,"detail":"bad signature"}""".getBytes(StandardCharsets.UTF_8));
                return;
            }
            switch (uri.getPath()) {
                case Gate.VERIFICATIONS ->
                    respond(
                            exchange,
                            200,
                            "application/json",
                            Json.write(verifications.apply(Json.read(body, Verification.Request.class))));
                case Gate.OFFLINE_PACKAGE -> offlinePackage(exchange, uri.getRawQuery());
                case Gate.OFFLINE_SCANS -> offlineScans(exchange, Json.read(body, OfflineScans.Upload.class));
                default -> respond(exchange, 404, "text/plain", new byte[0]);
            }
        }
    }

    private void offlinePackage(HttpExchange exchange, String query) throws IOException {
        OfflinePackage answer = query.contains("since=") ? deltaPackage : fullPackage;
        if (answer == null) {
            respond(exchange, 404, "text/plain", new byte[0]);
            return;
        }
        byte[] body = Json.write(answer);
        exchange.getResponseHeaders().add(OfflinePackage.SIGNATURE_HEADER, sign(packageKey, body));
        respond(exchange, 200, "application/json", body);
    }

    /** Like the platform: a scan id seen before is a duplicate; a ticket used elsewhere is a conflict. */
    private void offlineScans(HttpExchange exchange, OfflineScans.Upload upload) throws IOException {
        List<OfflineScans.Outcome> outcomes = new ArrayList<>();
        int accepted = 0;
        int duplicates = 0;
        int conflicts = 0;
        for (OfflineScans.Scan scan : upload.scans()) {
            String first = firstAnswers.get(scan.scanId());
            String outcome;
            if (first != null) {
                outcome = OfflineScans.DUPLICATE;
                duplicates++;
            } else if (conflictTickets.contains(scan.ticketId())) {
                outcome = OfflineScans.CONFLICT;
                conflicts++;
            } else {
                outcome = OfflineScans.ACCEPTED;
                accepted++;
            }
            String reason = OfflineScans.CONFLICT.equals(outcome) ? "ALREADY_USED" : first;
            firstAnswers.putIfAbsent(scan.scanId(), outcome);
            outcomes.add(new OfflineScans.Outcome(scan.scanId(), scan.ticketId(), outcome, reason));
        }
        respond(
                exchange,
                200,
                "application/json",
                Json.write(new OfflineScans.Result(accepted, duplicates, conflicts, outcomes)));
    }

    static String sign(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
