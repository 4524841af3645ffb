package com.wuhou.ticketing.gate;

import com.wuhou.ticketing.checkin.api.OfflinePackage;
import com.wuhou.ticketing.checkin.api.OfflineScans;
import com.wuhou.ticketing.checkin.api.Verification;
import com.wuhou.ticketing.order.api.Museum;
import com.wuhou.ticketing.platform.signedrequest.SignedRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One turnstile. It asks the platform ({@code POST /checkin/v1/verifications}, signed as its device)
 * and, when the platform cannot be reached, decides from the day's offline package, journalling each
 * offline admission (fsynced before it answers) for {@link #upload()} later. Not meant for concurrent
 * callers, but its methods are synchronized so sharing one is safe. One state directory per gate.
 */
public final class Gate {

    /** The museum's day and session times. */
    public static final ZoneId MUSEUM_ZONE = Museum.ZONE;

    /** The offline reason when there is no package for today. */
    public static final String NO_OFFLINE_PACKAGE = "NO_OFFLINE_PACKAGE";

    /** Most scans per upload request (the platform's limit). */
    public static final int UPLOAD_BATCH = 1000;

    /**
     * A package or an upload of up to {@link #UPLOAD_BATCH} scans may take longer than a scan's answer;
     * a visitor waits only for the latter.
     */
    static final Duration BULK_TIMEOUT = Duration.ofSeconds(30);

    static final String VERIFICATIONS = "/checkin/v1/verifications";
    static final String OFFLINE_PACKAGE = "/checkin/v1/offline-package";
    static final String OFFLINE_SCANS = "/checkin/v1/offline-scans";

    private static final String IN = "IN";
    private static final String OUT = "OUT";

    private final GateConfig config;
    private final byte[] secret;
    private final String base;
    private final HttpClient http;
    private final StateDir state;
    private DayPackage day;
    private OfflineScans.Result lastUpload;

    public Gate(GateConfig config) {
        this.config = config;
        this.secret = config.secret();
        this.base = config.baseUri().toString().replaceAll("/+$", "");
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.state = new StateDir(config.stateDir());
    }

    public GateConfig config() {
        return config;
    }

    /**
     * Answers one scan: uploads pending offline scans first when the platform answers, then asks it;
     * decides offline when it cannot be reached.
     *
     * @param credential a QR text ({@code T1.…}) or an ID number
     * @param direction {@code IN} or {@code OUT}
     * @throws PlatformErrorException when the platform answers with an error other than 502/503/504
     */
    public synchronized Scan scan(String credential, String direction) {
        if (credential == null || credential.isBlank()) {
            throw new IllegalArgumentException("nothing scanned");
        }
        String text = credential.strip();
        String way = direction(direction);
        Instant at = config.clock().instant();
        if (pending() > 0) {
            try {
                // With the scan's own timeout: the visitor at the gate is waiting.
                upload(config.timeout());
            } catch (PlatformUnavailableException e) {
                // Just failed to reach it: do not wait a second timeout for the verification.
                return offline(text, way, at);
            } catch (RuntimeException e) {
                // The upload was refused or is still running: the journal keeps it for later (the
                // `upload` command shows why), and the visitor still gets an answer now.
                System.err.println("gate: upload deferred: " + e.getMessage());
            }
        }
        try {
            return online(text, way, at);
        } catch (PlatformUnavailableException e) {
            return offline(text, way, at);
        }
    }

    /**
     * Gets today's package: the whole day the first time, then what changed since the stored one's
     * cursor, merged by ticket id. The response's signature is checked before anything is kept.
     *
     * @return the merged package, as stored
     * @throws PackageRefusedException when the signature is wrong or the date is not today's
     * @throws PlatformUnavailableException when the platform cannot be reached
     */
    public synchronized OfflinePackage refresh() {
        LocalDate today = today();
        Optional<OfflinePackage> stored = state.loadPackage(today);
        String path = OFFLINE_PACKAGE + "?date=" + today
                + stored.map(p -> "&since=" + p.cursor()).orElse("");
        HttpResponse<byte[]> response = send("GET", path, null, BULK_TIMEOUT);
        if (response.statusCode() != 200) {
            throw error("GET " + path, response);
        }
        checkSignature(response);
        OfflinePackage received = Json.read(response.body(), OfflinePackage.class);
        if (!today.equals(received.date())) {
            throw new PackageRefusedException("asked for the package of " + today + ", got " + received.date());
        }
        if (received.delta() && stored.isEmpty()) {
            throw new PackageRefusedException("got a delta without having the day's package");
        }
        if (stored.isPresent() && received.cursor() < stored.get().cursor()) {
            // An older package sent again (a replay) would bring back tickets refunded since.
            throw new PackageRefusedException("got a package older than the one stored");
        }
        OfflinePackage merged = received.delta() ? merge(stored.get(), received) : full(received);
        DayPackage indexed = new DayPackage(merged);
        state.savePackage(merged);
        day = indexed;
        return merged;
    }

    /**
     * Sends the journal in batches of {@link #UPLOAD_BATCH}. Every scan the platform answered
     * (accepted, duplicate or conflict) leaves the journal; conflicts are returned and also appended
     * to {@code conflicts.jsonl} in the state directory. If the platform stops answering after the first
     * batch, what was answered is returned and the rest stays pending ({@link #pending()}). Then the
     * package is refreshed, so it counts the entries just reported.
     *
     * @throws PlatformUnavailableException when the first batch cannot be delivered; nothing is lost
     */
    public synchronized OfflineScans.Result upload() {
        OfflineScans.Result result = upload(BULK_TIMEOUT);
        if (result.accepted() + result.duplicates() + result.conflicts() > 0) {
            // The entries just reported are the platform's to count now: take its view of them, so
            // they are not forgotten between the journal and the package.
            try {
                refresh();
            } catch (RuntimeException e) {
                System.err.println("gate: package not refreshed after the upload: " + e.getMessage());
            }
        }
        return result;
    }

    private OfflineScans.Result upload(Duration timeout) {
        List<OfflineScans.Scan> journal = state.journal();
        if (journal.isEmpty()) {
            return new OfflineScans.Result(0, 0, 0, List.of());
        }
        int accepted = 0;
        int duplicates = 0;
        int conflicts = 0;
        List<OfflineScans.Outcome> outcomes = new ArrayList<>();
        for (int from = 0; from < journal.size(); from += UPLOAD_BATCH) {
            List<OfflineScans.Scan> batch = journal.subList(from, Math.min(journal.size(), from + UPLOAD_BATCH));
            HttpResponse<byte[]> response;
            try {
                response = send("POST", OFFLINE_SCANS, Json.write(new OfflineScans.Upload(batch)), timeout);
            } catch (PlatformUnavailableException e) {
                if (from == 0) {
                    throw e;
                }
                break;
            }
            if (response.statusCode() != 200) {
                throw error("POST " + OFFLINE_SCANS, response);
            }
            OfflineScans.Result result = Json.read(response.body(), OfflineScans.Result.class);
            Set<String> sent = new HashSet<>();
            batch.forEach(scan -> sent.add(scan.scanId()));
            Set<String> answered = new HashSet<>();
            List<OfflineScans.Outcome> batchConflicts = new ArrayList<>();
            for (OfflineScans.Outcome outcome :
                    result.outcomes() == null ? List.<OfflineScans.Outcome>of() : result.outcomes()) {
                if (sent.contains(outcome.scanId())) {
                    answered.add(outcome.scanId());
                    outcomes.add(outcome);
                    if (OfflineScans.CONFLICT.equals(outcome.outcome())) {
                        batchConflicts.add(outcome);
                    }
                }
            }
            // Conflicts are on disk before their scans leave the journal.
            state.appendConflicts(batchConflicts);
            state.removeFromJournal(answered);
            accepted += result.accepted();
            duplicates += result.duplicates();
            conflicts += result.conflicts();
        }
        lastUpload = new OfflineScans.Result(accepted, duplicates, conflicts, List.copyOf(outcomes));
        return lastUpload;
    }

    /** Scans admitted offline and not yet taken by the platform. */
    public synchronized int pending() {
        return state.journal().size();
    }

    /** The last upload's result, whether {@link #upload()} was called or {@link #scan} uploaded first. */
    public synchronized Optional<OfflineScans.Result> lastUpload() {
        return Optional.ofNullable(lastUpload);
    }

    /** Today's stored package, if there is one. */
    public synchronized Optional<OfflinePackage> storedPackage() {
        return state.loadPackage(today());
    }

    /** The museum's date now. */
    public LocalDate today() {
        return LocalDate.ofInstant(config.clock().instant(), MUSEUM_ZONE);
    }

    private Scan online(String credential, String direction, Instant at) {
        byte[] body = Json.write(new Verification.Request(credential, config.gate(), direction, at));
        HttpResponse<byte[]> response = send("POST", VERIFICATIONS, body, config.timeout());
        if (response.statusCode() != 200) {
            throw error("POST " + VERIFICATIONS, response);
        }
        Verification answer = Json.read(response.body(), Verification.class);
        Verification.Ticket ticket = answer.ticket();
        if (Verification.ACCEPTED.equals(answer.result()) && IN.equals(direction) && ticket != null) {
            // Counted like an offline admission, so going offline next does not let it in again.
            state.appendAdmitted(LocalDate.ofInstant(at, MUSEUM_ZONE), journalEntry(ticket.ticketId(), direction, at));
        }
        return new Scan(
                Scan.Mode.ONLINE,
                answer.result(),
                answer.reason(),
                ticket == null ? null : ticket.ticketId(),
                ticket == null ? null : ticket.visitorName());
    }

    private Scan offline(String credential, String direction, Instant at) {
        LocalDateTime now = LocalDateTime.ofInstant(at, MUSEUM_ZONE);
        LocalDate date = now.toLocalDate();
        DayPackage offlinePackage = dayPackage(date);
        if (offlinePackage == null) {
            return Scan.offlineRejected(NO_OFFLINE_PACKAGE, null, null);
        }
        Scan answer = offlinePackage.decide(
                credential,
                IN.equals(direction),
                now,
                ticketId -> entriesUsed(ticketId, date, offlinePackage.madeAt()));
        if (answer.accepted()) {
            OfflineScans.Scan entry = journalEntry(answer.ticketId(), direction, at);
            state.appendJournal(entry);
            if (IN.equals(direction)) {
                state.appendAdmitted(date, entry);
            }
        }
        return answer;
    }

    /**
     * This gate's IN admissions of the ticket that day the package does not count: those after it was
     * made, and those still in the journal (the platform has not been told), by scan id.
     */
    private int entriesUsed(String ticketId, LocalDate date, Instant packageMadeAt) {
        Set<String> scanIds = new HashSet<>();
        for (OfflineScans.Scan scan : state.admitted(date)) {
            if (scan.ticketId().equals(ticketId)
                    && IN.equals(scan.direction())
                    && scan.scannedAt().isAfter(packageMadeAt)) {
                scanIds.add(scan.scanId());
            }
        }
        // The journal too: a crash between the two appends must not free an entry.
        for (OfflineScans.Scan scan : state.journal()) {
            if (scan.ticketId().equals(ticketId)
                    && IN.equals(scan.direction())
                    && LocalDate.ofInstant(scan.scannedAt(), MUSEUM_ZONE).equals(date)) {
                scanIds.add(scan.scanId());
            }
        }
        return scanIds.size();
    }

    private DayPackage dayPackage(LocalDate date) {
        if (day == null || !day.date().equals(date)) {
            day = state.loadPackage(date).map(DayPackage::new).orElse(null);
        }
        return day;
    }

    private OfflineScans.Scan journalEntry(String ticketId, String direction, Instant at) {
        return new OfflineScans.Scan(UUID.randomUUID().toString(), ticketId, config.gate(), direction, at);
    }

    private static OfflinePackage full(OfflinePackage received) {
        return new OfflinePackage(
                received.date(),
                received.cursor(),
                false,
                received.idKey(),
                received.ticketPublicKeys() == null ? Map.of() : received.ticketPublicKeys(),
                received.entryGraceMinutes(),
                DayPackage.tickets(received));
    }

    /** Upserts the delta's tickets (refunds included: they must now be refused) into the stored day. */
    private static OfflinePackage merge(OfflinePackage stored, OfflinePackage delta) {
        Map<String, OfflinePackage.Ticket> tickets = new LinkedHashMap<>();
        DayPackage.tickets(stored).forEach(ticket -> tickets.put(ticket.ticketId(), ticket));
        DayPackage.tickets(delta).forEach(ticket -> tickets.put(ticket.ticketId(), ticket));
        boolean newKeys =
                delta.ticketPublicKeys() != null && !delta.ticketPublicKeys().isEmpty();
        return new OfflinePackage(
                stored.date(),
                delta.cursor(),
                false,
                delta.idKey() != null ? delta.idKey() : stored.idKey(),
                newKeys ? delta.ticketPublicKeys() : stored.ticketPublicKeys(),
                delta.entryGraceMinutes(),
                List.copyOf(tickets.values()));
    }

    private void checkSignature(HttpResponse<byte[]> response) {
        String header = response.headers()
                .firstValue(OfflinePackage.SIGNATURE_HEADER)
                .orElseThrow(() -> new PackageRefusedException("the package is not signed"));
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(header.strip());
        } catch (IllegalArgumentException e) {
            throw new PackageRefusedException("the package signature is not Base64");
        }
        byte[] expected = Base64.getDecoder().decode(SignedRequests.signature(secret, response.body()));
        if (!MessageDigest.isEqual(expected, claimed)) {
            throw new PackageRefusedException("the package signature is wrong: not from the platform, or altered");
        }
    }

    /** A signed request; unreachable (connect error, timeout, 502/503/504) is an exception. */
    private HttpResponse<byte[]> send(String method, String pathWithQuery, byte[] body, Duration timeout) {
        URI uri = URI.create(base + pathWithQuery);
        String signedPath = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        SignedRequests.sign(config.keyId(), secret, method, signedPath, body, config.clock())
                .forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PlatformUnavailableException(method + " " + pathWithQuery + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        int status = response.statusCode();
        if (status == 502 || status == 503 || status == 504) {
            throw new PlatformUnavailableException(method + " " + pathWithQuery + ": HTTP " + status, null);
        }
        return response;
    }

    private static PlatformErrorException error(String request, HttpResponse<byte[]> response) {
        return new PlatformErrorException(
                request, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }

    private static String direction(String direction) {
        String way = direction == null ? "" : direction.strip().toUpperCase(Locale.ROOT);
        if (!IN.equals(way) && !OUT.equals(way)) {
            throw new IllegalArgumentException("direction is IN or OUT, not " + direction);
        }
        return way;
    }
}
