package com.wuhou.ticketing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Load for the sales path, the gateway and the gates against a running platform (the devstack by
 * default), each measured phase after a warm-up and beside its floor, with every process's CPU per
 * unit of work. Scenarios and options: {@link Options}, or {@code java -jar bench/target/bench.jar --help}.
 */
public final class Bench {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The largest capacity inventory accepts: steady phases of any length never run out of stock. */
    private static final int PLENTY = 1_000_000;

    private static final String TICKET_TYPES = "/api/v1/ticket-types";

    private final Options options;
    private final ProcessCpu cpu;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newCachedThreadPool())
            .build();
    private String operatorToken;

    /** A session on sale: its id and day. */
    private record Session(long id, LocalDate date) {}

    private Bench(Options options) {
        this.options = options;
        this.cpu = new ProcessCpu(Path.of(options.text("home")));
    }

    public static void main(String[] args) {
        if (Options.wantsHelp(args)) {
            System.out.print(Options.usage());
            System.exit(args.length == 0 ? 2 : 0);
        }
        try {
            Bench bench = new Bench(Options.parse(args));
            switch (bench.options.scenario()) {
                case "steady" -> bench.steady();
                case "floor" -> bench.floor();
                case "rush" -> bench.rush();
                case "gateway" -> bench.gateway();
                case "gates" -> bench.gates();
                case "session" -> bench.session();
                case "all" -> {
                    bench.steady();
                    bench.rush();
                    bench.gateway();
                }
                default -> throw new IllegalArgumentException("unknown scenario " + bench.options.scenario());
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + " (java -jar bench/target/bench.jar --help)");
            System.exit(2);
        }
        System.exit(0);
    }

    /** Holds with plenty of stock, then the floor at the same concurrency for as long: their ratio. */
    void steady() {
        int concurrency = options.positive("concurrency", 32);
        if (warmupSeconds() > 0) {
            heading("steady warm-up");
            Session warm = openSession(PLENTY);
            System.out.println(
                    Load.run("steady warm-up", 0, warmupSeconds(), concurrency, 201, interval(), buyer(warm)));
        }
        heading("steady, measured");
        Session session = openSession(PLENTY);
        Result steady = measured(
                "hold",
                Result::counted,
                () -> Load.run("steady", orders(), seconds(), concurrency, 201, interval(), buyer(session)));
        Result floor = floor();
        System.out.printf(
                "%nsteady / floor = %.1f / %.1f holds/s = %.3f (p99 %.1f / %.1f ms)%n",
                steady.perSecond(),
                floor.perSecond(),
                steady.perSecond() / floor.perSecond(),
                steady.p99Millis(),
                floor.p99Millis());
    }

    /** inventory's admission script and the ledger insert alone, same machine, same concurrency. */
    Result floor() {
        int concurrency = options.positive("concurrency", 32);
        try (Floor floor = new Floor(Path.of(options.text("root")), options.text("redis"), jdbcUrl())) {
            floor.prepare(Integer.MAX_VALUE / 2);
            if (warmupSeconds() > 0) {
                heading("floor warm-up");
                System.out.println(Load.run(
                        "floor warm-up",
                        0,
                        warmupSeconds(),
                        concurrency,
                        1,
                        interval(),
                        i -> floor.admitAndAppend("w" + i)));
            }
            heading("floor, measured");
            return measured(
                    "hold",
                    Result::counted,
                    () -> Load.run(
                            "floor",
                            orders(),
                            seconds(),
                            concurrency,
                            1,
                            interval(),
                            i -> floor.admitAndAppend("m" + i)));
        }
    }

    /**
     * 10,000 distinct buyers (by default) for 1,000 seats, each trying once, all at once. A rush is
     * one-shot (the session sells out), so the warm-up is a throwaway rush on a session of its own.
     */
    void rush() {
        int buyers = options.positive("buyers");
        int seats = options.positive("seats");
        int concurrency = options.positive("concurrency", 256);
        if (warmupSeconds() > 0) {
            heading("rush warm-up (a throwaway session)");
            Session warm = openSession(seats);
            Result result = Load.run("rush warm-up", 0, warmupSeconds(), concurrency, 201, interval(), buyer(warm));
            System.out.println(result);
            int left = remaining(warm);
            System.out.printf(
                    "rush warm-up: held %d of %d seats, remaining %d%s%n",
                    result.counted(),
                    seats,
                    left,
                    left == 0 ? " (sold out)" : " (NOT sold out: the measured rush starts colder)");
        }
        heading("rush, measured");
        Session session = openSession(seats);
        Result result = measured(
                "attempt",
                Result::attempts,
                () -> Load.run("rush", buyers, 0, concurrency, 201, interval(), buyer(session)));
        int remaining = remaining(session);
        System.out.printf(
                "rush: %d buyers for %d seats: held %d, remaining %d -> %s%n",
                buyers,
                seats,
                result.counted(),
                remaining,
                result.counted() == seats && remaining == 0 ? "sold exactly the seats" : "MISMATCH");
    }

    /** The same trivial GET straight to inventory-service and through the gateway: the gateway's cost. */
    void gateway() {
        int concurrency = options.positive("concurrency", 16);
        URI direct = URI.create(options.text("inventory") + TICKET_TYPES);
        URI proxied = uri(TICKET_TYPES);
        if (warmupSeconds() > 0) {
            heading("gateway warm-up: direct, then through the gateway");
            System.out.println(
                    Load.run("direct warm-up", 0, warmupSeconds(), concurrency, 200, interval(), i -> get(direct)));
            System.out.println(
                    Load.run("gateway warm-up", 0, warmupSeconds(), concurrency, 200, interval(), i -> get(proxied)));
        }
        heading("GET " + TICKET_TYPES + " straight to inventory, measured");
        Result straight = measured(
                "request",
                Result::attempts,
                () -> Load.run("direct", 0, seconds(), concurrency, 200, interval(), i -> get(direct)));
        heading("GET " + TICKET_TYPES + " through the gateway, measured");
        Result through = measured(
                "request",
                Result::attempts,
                () -> Load.run("gateway", 0, seconds(), concurrency, 200, interval(), i -> get(proxied)));
        if (through.count("429") > 0) {
            System.out.println(
                    "  429 from the gateway: its per-IP limit is below this load (all of it comes from one"
                            + " address); raise it for this scenario: RATE_LIMIT_PER_SECOND=20000 RATE_LIMIT_BURST=40000 ./dev up");
        }
        System.out.printf(
                "%ngateway / direct = %.1f / %.1f OK/s = %.3f (p99 %.1f / %.1f ms)%n",
                through.perSecond(),
                straight.perSecond(),
                through.perSecond() / straight.perSecond(),
                through.p99Millis(),
                straight.p99Millis());
    }

    /** Gate verifications: 1,000/s (by default) after a warm-up, at the service and the gateway, then the floor. */
    void gates() {
        new GateLoad(this, jdbcUrl(), Path.of(options.text("home")), options.text("checkin"), options.text("gateway"))
                .run(
                        options.positive("rate"),
                        seconds(),
                        warmupSeconds(),
                        options.choice("via", Options.VIA),
                        options.positive("concurrency", 10),
                        interval());
    }

    /** A new session with {@code --seats} seats, for load from another tool (bench/wrk): its id on stdout. */
    void session() {
        int seats = options.positive("seats");
        Session session = openSession(seats);
        System.err.println("session " + session.id() + " on " + session.date() + ", " + seats + " seats");
        System.out.println(session.id());
    }

    /**
     * Runs a measured phase between two readings of every process's CPU, and prints its result and
     * the CPU per unit of work.
     */
    Result measured(String unit, ToLongFunction<Result> units, Supplier<Result> phase) {
        Map<String, Long> before = cpu.snapshot();
        Result result = phase.get();
        Map<String, Long> after = cpu.snapshot();
        System.out.println(result);
        ProcessCpu.print(before, after, units.applyAsLong(result), unit);
        return result;
    }

    static void heading(String title) {
        System.out.printf("%n== %s ==%n", title);
    }

    int interval() {
        return options.positive("interval");
    }

    /** A gate device registered by the operator: its answer, with {@code keyId} and {@code secret}. */
    JsonNode registerDevice(String name, String gate, String area) {
        return json(expect(
                operator(
                        "POST",
                        "/admin/v1/devices",
                        "{\"name\":\"" + name + "\",\"gate\":\"" + gate + "\",\"area\":\"" + area + "\"}"),
                201));
    }

    private int warmupSeconds() {
        return options.number("warmup-seconds");
    }

    private int seconds() {
        return options.positive("seconds");
    }

    /** A fixed count when {@code --orders} is given (0 otherwise: {@code --seconds} then). */
    private int orders() {
        return options.number("orders", 0);
    }

    private String jdbcUrl() {
        return options.text("mysql");
    }

    /** Buyer {@code i}: a new visitor (a distinct valid ID number) with a fresh idempotency key. */
    private IntUnaryOperator buyer(Session session) {
        IdNumbers ids = new IdNumbers();
        return i -> createOrder(orderBody(session, ids.at(i)));
    }

    private static String orderBody(Session session, String idNo) {
        return "{\"sessionId\":" + session.id()
                + ",\"contactPhone\":\"13800138000\",\"visitors\":[{\"name\":\"游客\",\"idType\":\"ID_CARD\","
                + "\"idNo\":\"" + idNo + "\",\"ticketType\":\"ADULT\"}]}";
    }

    private int createOrder(String body) {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(request).statusCode();
    }

    private int get(URI uri) {
        return send(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build())
                .statusCode();
    }

    /** A new open day far ahead with one session of {@code capacity} and ADULT on sale. */
    private Session openSession(int capacity) {
        operator("POST", "/admin/v1/ticket-types", """
                {"code":"ADULT","name":"成人票","priceFen":5000,"realNameRequired":true,"active":true}""");
        LocalDate date =
                LocalDate.of(2060, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(20_000));
        expect(
                operator("PUT", "/admin/v1/calendar/" + date, "{\"open\":true,\"dailyCapacity\":" + capacity + "}"),
                200);
        HttpResponse<String> session = expect(
                operator(
                        "POST",
                        "/admin/v1/sessions",
                        "{\"date\":\"" + date + "\",\"startTime\":\"09:00\",\"endTime\":\"11:00\",\"capacity\":"
                                + capacity + "}"),
                201);
        return new Session(json(session).path("sessionId").asLong(), date);
    }

    private int remaining(Session session) {
        JsonNode availability = json(send(HttpRequest.newBuilder(uri("/api/v1/availability?date=" + session.date()))
                .GET()
                .build()));
        for (JsonNode s : availability.path("sessions")) {
            if (s.path("sessionId").asLong() == session.id()) {
                return s.path("remaining").asInt();
            }
        }
        throw new IllegalStateException("session " + session.id() + " not in " + availability);
    }

    private HttpResponse<String> operator(String method, String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token())
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private synchronized String token() {
        if (operatorToken == null) {
            String password;
            try {
                password = Files.readString(
                                Path.of(options.text("home"), "secrets", "operator-password"), StandardCharsets.UTF_8)
                        .strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the operator password (use --home)", e);
            }
            HttpResponse<String> login = expect(
                    send(HttpRequest.newBuilder(uri("/admin/v1/auth/login"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"username\":\"admin\",\"password\":\"" + password + "\"}"))
                            .build()),
                    200);
            operatorToken = json(login).path("accessToken").asText();
        }
        return operatorToken;
    }

    private URI uri(String path) {
        return URI.create(options.text("gateway") + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
