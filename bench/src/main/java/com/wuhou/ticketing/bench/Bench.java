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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Load for the sales path against a running platform (the devstack by default). Scenarios:
 *
 * <ul>
 *   <li>{@code rush}: the release rush, many distinct buyers for few seats, one attempt each;
 *   <li>{@code steady}: buying with plenty of stock;
 *   <li>{@code floor}: the same admission script and ledger insert driven directly (no services);
 *   <li>{@code all}: steady, floor and rush one after the other, with the steady/floor ratio;
 *   <li>{@code gates}: gate verifications at a fixed rate, at checkin-service and through the gateway.
 * </ul>
 *
 * Options: {@code --gateway URL --home DIR --root DIR --buyers N --seats N --orders N --concurrency N};
 * for {@code gates}: {@code --rate N --seconds N --warmup N --checkin URL --via service|gateway|both}.
 */
public final class Bench {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .executor(java.util.concurrent.Executors.newCachedThreadPool())
            .build();
    private String operatorToken;

    private Bench(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(
                    "usage: java -jar bench/target/bench.jar rush|steady|floor|all|gates [--option value ...]");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Bench bench = new Bench(options);
        switch (args[0]) {
            case "rush" -> bench.rush();
            case "steady" -> bench.steady();
            case "floor" -> bench.floor();
            case "gates" -> bench.gates();
            case "all" -> {
                Result steady = bench.steady();
                Result floor = bench.floor();
                System.out.printf(
                        "%nsteady / floor = %.1f / %.1f = %.3f%n",
                        steady.perSecond(), floor.perSecond(), steady.perSecond() / floor.perSecond());
                bench.rush();
            }
            default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
        System.exit(0);
    }

    /** 10,000 distinct buyers (by default) for 1,000 seats, each trying once, all at once. */
    Result rush() {
        int buyers = number("buyers", 10_000);
        int seats = number("seats", 1_000);
        int concurrency = number("concurrency", 256);
        long session = openSession(seats);
        List<String> bodies = orders(session, buyers);
        Load load = Load.run("rush", buyers, concurrency, i -> createOrder(bodies.get(i)));
        Result result = load.result(201);
        int remaining = remaining(session);
        System.out.println(result);
        System.out.printf(
                "rush: %d buyers for %d seats: held %d, remaining %d -> %s%n",
                buyers,
                seats,
                load.count(201),
                remaining,
                load.count(201) == seats && remaining == 0 ? "sold exactly the seats" : "MISMATCH");
        return result;
    }

    /** Successful holds per second with plenty of stock. */
    Result steady() {
        int orders = number("orders", 2_000);
        int concurrency = number("concurrency", 32);
        long session = openSession(orders * 2);
        List<String> bodies = orders(session, orders);
        Load load = Load.run("steady", orders, concurrency, i -> createOrder(bodies.get(i)));
        Result result = load.result(201);
        System.out.println(result);
        return result;
    }

    /** The admission script and the ledger insert alone, same machine, same concurrency. */
    Result floor() {
        int orders = number("orders", 2_000);
        int concurrency = number("concurrency", 32);
        Path root = Path.of(options.getOrDefault("root", "."));
        try (Floor floor = new Floor(root, options.getOrDefault("redis", "127.0.0.1:16379"), jdbcUrl())) {
            floor.prepare(orders * 2);
            Load load = Load.run("floor", orders, concurrency, floor::admitAndAppend);
            Result result = load.result(1);
            System.out.println(result);
            return result;
        }
    }

    /** Gate verifications: 1,000/s (by default) for 20 s after a 10 s warm-up, at the service and the gateway. */
    List<Result> gates() {
        return new GateLoad(
                        this,
                        jdbcUrl(),
                        Path.of(options.getOrDefault("home", ".devstack")),
                        options.getOrDefault("checkin", "http://127.0.0.1:8103"),
                        options.getOrDefault("gateway", "http://127.0.0.1:8080"))
                .run(
                        number("rate", 1_000),
                        number("seconds", 20),
                        number("warmup", 10),
                        options.getOrDefault("via", "both"));
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

    private String jdbcUrl() {
        return options.getOrDefault(
                "mysql", "jdbc:mysql://127.0.0.1:13306/?useSSL=false&allowPublicKeyRetrieval=true&user=root");
    }

    private int createOrder(String body) {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(request).statusCode();
    }

    /** A new open day far ahead with one session of {@code capacity} and ADULT on sale. */
    private long openSession(int capacity) {
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
        this.date = date;
        return json(session).path("sessionId").asLong();
    }

    private LocalDate date;

    private int remaining(long session) {
        JsonNode availability = json(send(HttpRequest.newBuilder(uri("/api/v1/availability?date=" + date))
                .GET()
                .build()));
        for (JsonNode s : availability.path("sessions")) {
            if (s.path("sessionId").asLong() == session) {
                return s.path("remaining").asInt();
            }
        }
        throw new IllegalStateException("session " + session + " not in " + availability);
    }

    private List<String> orders(long session, int count) {
        IdNumbers ids = new IdNumbers();
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add("{\"sessionId\":" + session
                    + ",\"contactPhone\":\"13800138000\",\"visitors\":[{\"name\":\"游客\",\"idType\":\"ID_CARD\","
                    + "\"idNo\":\"" + ids.next() + "\",\"ticketType\":\"ADULT\"}]}");
        }
        return bodies;
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
                                Path.of(options.getOrDefault("home", ".devstack"), "secrets", "operator-password"),
                                StandardCharsets.UTF_8)
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
        return URI.create(options.getOrDefault("gateway", "http://127.0.0.1:8080") + path);
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

    private int number(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
    }
}
