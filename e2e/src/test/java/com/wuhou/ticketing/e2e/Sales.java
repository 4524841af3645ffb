package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A buyer's and an operator's moves on the sales path, through the gateway. */
final class Sales {

    static final ZoneId MUSEUM = ZoneId.of("Asia/Shanghai");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int BIRTH_OFFSET = ThreadLocalRandom.current().nextInt(15_000);
    // One random start per run, then consecutive days: random dates per test collided now and then.
    private static final AtomicReference<LocalDate> NEXT_DAY = new AtomicReference<>(
            LocalDate.of(2032, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(20_000)));

    private Sales() {}

    /** A date of its own far ahead, open, with ADULT on sale. */
    static LocalDate openDay(int dailyCapacity) {
        ensureAdultOnSale();
        LocalDate date = unusedDay();
        HttpResponse<String> day = operator(
                "PUT", "/admin/v1/calendar/" + date, "{\"open\":true,\"dailyCapacity\":" + dailyCapacity + "}");
        assertThat(day.statusCode()).as(day.body()).isEqualTo(200);
        return date;
    }

    /** The next day of this run's range that has no sessions yet (earlier runs on a long-lived devstack used some). */
    static LocalDate unusedDay() {
        while (true) {
            LocalDate date = NEXT_DAY.getAndUpdate(day -> day.plusDays(1));
            HttpResponse<String> availability = Platform.get("/api/v1/availability?date=" + date);
            if (availability.statusCode() != 200
                    || Platform.json(availability).path("sessions").isEmpty()) {
                return date;
            }
        }
    }

    static long session(LocalDate date, String start, int capacity) {
        String end = "%02d:00".formatted(Integer.parseInt(start.substring(0, 2)) + 2);
        HttpResponse<String> session = operator(
                "POST",
                "/admin/v1/sessions",
                "{\"date\":\"%s\",\"startTime\":\"%s\",\"endTime\":\"%s\",\"capacity\":%d}"
                        .formatted(date, start, end, capacity));
        assertThat(session.statusCode()).as(session.body()).isEqualTo(201);
        return Platform.json(session).path("sessionId").asLong();
    }

    /**
     * A session today (museum time) that gates admit now: from a minute or more ago to an hour
     * ahead, within the day (just after midnight, a session started before it cannot be made). Today is opened with room to spare if an earlier run left it smaller.
     */
    static Today sessionToday(int capacity) {
        ensureAdultOnSale();
        LocalDateTime now = LocalDateTime.now(MUSEUM).withSecond(0).withNano(0);
        LocalDate date = now.toLocalDate();
        HttpResponse<String> day =
                operator("PUT", "/admin/v1/calendar/" + date, "{\"open\":true,\"dailyCapacity\":100000}");
        assertThat(day.statusCode()).as(day.body()).isEqualTo(200);
        LocalTime end = now.toLocalTime().isAfter(LocalTime.of(22, 58))
                ? LocalTime.of(23, 59)
                : now.toLocalTime().plusHours(1);
        // Sessions of a day start at different times: take the latest free minute up to now.
        for (int minutesAgo = 0; minutesAgo <= 60; minutesAgo++) {
            LocalTime start = now.toLocalTime().minusMinutes(minutesAgo);
            if (start.isAfter(now.toLocalTime())) {
                break; // before midnight: not today
            }
            HttpResponse<String> session = operator(
                    "POST",
                    "/admin/v1/sessions",
                    "{\"date\":\"%s\",\"startTime\":\"%s\",\"endTime\":\"%s\",\"capacity\":%d}"
                            .formatted(date, start, end, capacity));
            if (session.statusCode() != 409) {
                assertThat(session.statusCode()).as(session.body()).isEqualTo(201);
                return new Today(Platform.json(session).path("sessionId").asLong(), date);
            }
        }
        throw new AssertionError("every start in the last hour is taken on " + date);
    }

    /** A session of today and the museum's date. */
    record Today(long sessionId, LocalDate date) {}

    /** A fresh open day with one session of {@code capacity}. */
    static long freshSession(int capacity) {
        return session(openDay(capacity * 10), "09:00", capacity);
    }

    private static void ensureAdultOnSale() {
        ticketType("POST", "ADULT", true);
    }

    /** Creates ({@code POST}) or changes ({@code PUT}) a real-name ticket type at 5,000 fen. */
    static HttpResponse<String> ticketType(String method, String code, boolean active) {
        String body = "{\"code\":\"%s\",\"name\":\"成人票\",\"priceFen\":5000,\"realNameRequired\":true,\"active\":%s}"
                .formatted(code, active);
        return operator(
                method, method.equals("POST") ? "/admin/v1/ticket-types" : "/admin/v1/ticket-types/" + code, body);
    }

    static HttpResponse<String> operator(String method, String path, String json) {
        return Platform.send(method, path, json, Platform.operatorToken());
    }

    /** A valid mainland ID number nobody else in this run has (region 110105, check digit computed). */
    static String idNumber() {
        int n = SEQUENCE.incrementAndGet();
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(BIRTH_OFFSET + n / 1000);
        String body = "110105" + birth.toString().replace("-", "") + "%03d".formatted(n % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    static String visitor(String idNo) {
        return visitor(idNo, "ADULT");
    }

    static String visitor(String idNo, String ticketType) {
        return "{\"name\":\"游客\",\"idType\":\"ID_CARD\",\"idNo\":\"" + idNo + "\",\"ticketType\":\"" + ticketType
                + "\"}";
    }

    static String order(long sessionId, String... idNumbers) {
        return orderOf(sessionId, "ADULT", "13800138000", idNumbers);
    }

    /** An order body: one ticket of {@code ticketType} per ID number, reached at {@code contactPhone}. */
    static String orderOf(long sessionId, String ticketType, String contactPhone, String... idNumbers) {
        List<String> visitors = new ArrayList<>();
        for (String id : idNumbers) {
            visitors.add(visitor(id, ticketType));
        }
        return "{\"sessionId\":%d,\"contactPhone\":\"%s\",\"visitors\":[%s]}"
                .formatted(sessionId, contactPhone, String.join(",", visitors));
    }

    static HttpResponse<String> create(String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Platform.uri("/api/v1/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return Platform.send(request.build());
    }

    /**
     * Creates an order as a careful client does: with an idempotency key, asking again while the
     * answer says "not now" (503, 429, or the same key still in progress), for at most a minute. A
     * timed-out attempt may have made the order; the key finds it.
     */
    static HttpResponse<String> createPatiently(String body) {
        String key = java.util.UUID.randomUUID().toString();
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    last.set(create(body, "Idempotency-Key", key));
                    return !isTemporary(last.get());
                });
        return last.get();
    }

    private static boolean isTemporary(HttpResponse<String> answer) {
        return answer.statusCode() == 503
                || answer.statusCode() == 429
                || (answer.statusCode() == 409
                        && Platform.json(answer).path("code").asText().equals("IDEMPOTENCY_IN_PROGRESS"));
    }

    /** Creates an order and returns the answer's body, asserting 201. */
    static JsonNode placed(long sessionId, String... idNumbers) {
        HttpResponse<String> created = create(order(sessionId, idNumbers));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Platform.json(created);
    }

    static HttpResponse<String> onOrder(String method, JsonNode order, String action, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        Platform.uri("/api/v1/orders/" + order.path("orderNo").asText() + action))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Order-Token", order.path("orderToken").asText())
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return Platform.send(request.build());
    }

    static JsonNode read(JsonNode order) {
        HttpResponse<String> answer = onOrder("GET", order, "", null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Platform.json(answer);
    }

    /** Pays with the sandbox provider; {@code sandbox} is its directives object (or null). */
    static HttpResponse<String> pay(JsonNode order, String sandbox) {
        return onOrder(
                "POST",
                order,
                "/payments",
                "{\"method\":\"SANDBOX\"" + (sandbox == null ? "" : ",\"sandbox\":" + sandbox) + "}");
    }

    static JsonNode awaitStatus(JsonNode order, String status, Duration within) {
        await().atMost(within)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> read(order).path("status").asText(), status::equals);
        return read(order);
    }

    static int remaining(long sessionId, LocalDate date) {
        JsonNode availability = Platform.json(Platform.get("/api/v1/availability?date=" + date));
        for (JsonNode session : availability.path("sessions")) {
            if (session.path("sessionId").asLong() == sessionId) {
                return session.path("remaining").asInt();
            }
        }
        throw new AssertionError("no session " + sessionId + " on " + date + ": " + availability);
    }

    static LocalDate dateOf(JsonNode order) {
        return LocalDate.parse(order.path("visitDate").asText());
    }

    /** Places of a session in inventory's ledger in one state. */
    static int ledger(long sessionId, String state) {
        return count(
                "inventory_db", "SELECT COUNT(*) FROM hold_unit WHERE session_id = ? AND state = ?", sessionId, state);
    }

    static int orders(long sessionId) {
        return count("order_db", "SELECT COUNT(*) FROM ticket_order WHERE session_id = ?", sessionId);
    }

    static int count(String schema, String sql, Object... args) {
        try (Connection db = DriverManager.getConnection(
                        "jdbc:mysql://127.0.0.1:13306/" + schema + "?useSSL=false&allowPublicKeyRetrieval=true",
                        "root",
                        "");
                PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Places of a session the Redis admission gate counts (HGET of inventory's counters). */
    static long redisUsed(LocalDate date, long sessionId) {
        String reply = redis("HGET", "inv:{" + date + "}:used", "s:" + sessionId);
        return reply == null ? 0 : Long.parseLong(reply);
    }

    /** One Redis command over RESP (the devstack's Redis on 16379); returns a bulk or integer reply. */
    static String redis(String... command) {
        try (Socket socket = new Socket("127.0.0.1", 16379)) {
            StringBuilder request = new StringBuilder("*" + command.length + "\r\n");
            for (String part : command) {
                request.append('$')
                        .append(part.getBytes(StandardCharsets.UTF_8).length)
                        .append("\r\n")
                        .append(part)
                        .append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            return switch (line.charAt(0)) {
                case '$' -> line.equals("$-1") ? null : in.readLine();
                case ':', '+' -> line.substring(1);
                default -> throw new IllegalStateException("Redis answered " + line);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
