package com.wuhou.ticketing.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The floor under the sales path: inventory's own admission script (read from the repository, with
 * lib.lua in front as inventory-service runs it) against Redis, then the same one-row ledger insert
 * into a copy of {@code hold_unit}, with no HTTP, Spring or Seata around them.
 */
final class Floor implements AutoCloseable {

    private static final String SESSION_FIELD = "s:1";

    private final String script;
    private final String redisHost;
    private final int redisPort;
    private final String jdbcUrl;
    private final String run = Long.toString(System.nanoTime(), 36);
    private final List<String> keys =
            List.of("bench:{floor}:cap", "bench:{floor}:used", "bench:{floor}:ids", "bench:{floor}:refs");
    private final ThreadLocal<Resp> redis;
    private final ThreadLocal<Connection> db;
    private final ConcurrentLinkedQueue<AutoCloseable> opened = new ConcurrentLinkedQueue<>();
    private String sha;

    Floor(Path root, String redisAddress, String jdbcUrl) {
        try {
            Path scripts = root.resolve("inventory-service/src/main/resources/scripts");
            this.script = Files.readString(scripts.resolve("lib.lua")) + Files.readString(scripts.resolve("admit.lua"));
        } catch (IOException e) {
            throw new UncheckedIOException("run from the repository root (or pass --root)", e);
        }
        String[] hostPort = redisAddress.split(":");
        this.redisHost = hostPort[0];
        this.redisPort = Integer.parseInt(hostPort[1]);
        this.jdbcUrl = jdbcUrl;
        this.redis = ThreadLocal.withInitial(() -> track(new Resp(redisHost, redisPort)));
        this.db = ThreadLocal.withInitial(() -> {
            try {
                return track(DriverManager.getConnection(jdbcUrl));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Fresh counters with {@code capacity} places, a fresh ledger table, the script loaded. */
    void prepare(int capacity) {
        Resp resp = redis.get();
        resp.call("DEL", keys.get(0), keys.get(1), keys.get(2), keys.get(3));
        resp.call("HSET", keys.get(0), "day", Integer.toString(capacity), SESSION_FIELD, Integer.toString(capacity));
        sha = resp.call("SCRIPT", "LOAD", script);
        try (Statement statement = db.get().createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS bench_floor");
            statement.execute("DROP TABLE IF EXISTS bench_floor.hold_unit");
            statement.execute("CREATE TABLE bench_floor.hold_unit LIKE inventory_db.hold_unit");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One buyer: admitted by the script, then one ledger row. Answers 1 when both happened.
     *
     * @param buyer distinct for every call on this floor (it is the hold's reference and ID)
     */
    int admitAndAppend(String buyer) {
        String ref = "f" + run + "-" + buyer;
        String idHash = sha256(ref);
        String admitted = redis.get()
                .call(
                        "EVALSHA",
                        sha,
                        "4",
                        keys.get(0),
                        keys.get(1),
                        keys.get(2),
                        keys.get(3),
                        SESSION_FIELD,
                        ref,
                        Long.toString(System.currentTimeMillis()),
                        idHash);
        if (!"1".equals(admitted)) {
            return 409;
        }
        Timestamp now = new Timestamp(System.currentTimeMillis());
        try (PreparedStatement insert = db.get()
                .prepareStatement("INSERT INTO bench_floor.hold_unit (hold_ref, session_id, visit_date, ticket_type,"
                        + " price_fen, id_hash, state, created_at, updated_at)"
                        + " VALUES (?, 1, '2099-12-31', 'ADULT', 5000, ?, 'HELD', ?, ?)")) {
            insert.setString(1, ref);
            insert.setString(2, idHash);
            insert.setTimestamp(3, now);
            insert.setTimestamp(4, now);
            insert.executeUpdate();
            return 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closeAll(opened);
    }

    /** Closes each, whatever the others do: at the end of a run nothing is left to do about a failure. */
    static void closeAll(Iterable<? extends AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // closing at the end of the run: nothing to do
            }
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        opened.add(resource);
        return resource;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The smallest Redis client that does: one connection, one command at a time (RESP2). */
    static final class Resp implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Resp(String host, int port) {
            try {
                socket = new Socket(host, port);
                socket.setTcpNoDelay(true);
                out = socket.getOutputStream();
                in = new BufferedInputStream(socket.getInputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String call(String... command) {
            try {
                ByteArrayOutputStream request = new ByteArrayOutputStream();
                request.write(("*" + command.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                for (String part : command) {
                    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                    request.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                    request.write(bytes);
                    request.write("\r\n".getBytes(StandardCharsets.UTF_8));
                }
                out.write(request.toByteArray());
                out.flush();
                String line = line();
                return switch (line.charAt(0)) {
                    case '+', ':' -> line.substring(1);
                    case '$' -> line.equals("$-1") ? null : bulk(Integer.parseInt(line.substring(1)));
                    case '-' -> throw new IllegalStateException("Redis: " + line.substring(1));
                    default -> throw new IllegalStateException("Redis answered " + line);
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String bulk(int length) throws IOException {
            byte[] bytes = in.readNBytes(length + 2);
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\r'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("Redis closed the connection");
                }
                line.append((char) c);
            }
            in.read(); // \n
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
