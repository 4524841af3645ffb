package com.wuhou.ticketing.platform.localinfra;

import com.wuhou.ticketing.platform.localinfra.LocalProcess.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real Redis 6.2 server: the linux-amd64 binary bundled in {@code
 * com.github.codemonstur:embedded-redis}, copied to the cache directory and run directly (not
 * through that library's RedisServer, which leaves {@code /tmp/redis-*} behind and cannot detach).
 * Bound to 127.0.0.1, no password, RDB snapshots off; AOF persistence in {@code dir} when asked.
 */
public final class EmbeddedRedis implements AutoCloseable {

    public static final String VERSION = "6.2";
    private static final String BINARY = "redis-server-6.2.6-v5-linux-amd64";

    private final int port;
    private final Path dir;
    private final boolean appendOnly;
    private final Path log;
    private final Path pidFile;
    private ProcessHandle process;

    private EmbeddedRedis(Builder builder) {
        this.port = builder.port;
        this.dir = Objects.requireNonNull(builder.dir, "dir").toAbsolutePath();
        this.appendOnly = builder.appendOnly;
        this.log = builder.log != null ? builder.log : dir.resolveSibling(dir.getFileName() + ".log");
        this.pidFile = builder.pidFile;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The redis-server executable, copied out of the jar on first use. */
    public static Path binary() {
        NativeCache.requireLinuxAmd64("Redis " + VERSION);
        return NativeCache.directory("redis-" + VERSION, dir -> {
                    Path target = dir.resolve("redis-server");
                    try (InputStream in = EmbeddedRedis.class.getResourceAsStream("/" + BINARY)) {
                        if (in == null) {
                            throw new IOException(
                                    BINARY + " not on the classpath (com.github.codemonstur:embedded-redis)");
                        }
                        Files.copy(in, target);
                    }
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                })
                .resolve("redis-server");
    }

    /** Starts the server and waits until it answers PING. */
    public EmbeddedRedis start(Mode mode, Duration timeout) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(
                binary().toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--save",
                "",
                "--daemonize",
                "no",
                "--appendonly",
                appendOnly ? "yes" : "no"));
        process = LocalProcess.start(command, Map.of(), log, pidFile, mode);
        long deadline = System.nanoTime() + timeout.toNanos();
        Ports.awaitOpen(port, timeout, process, log);
        while (!"PONG".equals(ping(port))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis on port " + port + " does not answer PING; see " + log);
            }
            Ports.sleep(Duration.ofMillis(100));
        }
        return this;
    }

    /**
     * Sends an inline PING and returns the reply without the RESP prefix ("PONG", or the error
     * text such as "LOADING ..."), or null when nothing answers.
     */
    public static String ping(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[256];
            int n = socket.getInputStream().read(buffer);
            return n <= 1 ? null : new String(buffer, 1, n - 1, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return null;
        }
    }

    public void stop() {
        if (process != null) {
            LocalProcess.stop(process, Duration.ofSeconds(10));
        }
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return port;
    }

    public ProcessHandle process() {
        return process;
    }

    /** Settings for {@link EmbeddedRedis}. */
    public static final class Builder {
        private int port = 6379;
        private Path dir;
        private boolean appendOnly;
        private Path log;
        private Path pidFile;

        private Builder() {}

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Working directory (AOF file lives here). */
        public Builder dir(Path dir) {
            this.dir = dir;
            return this;
        }

        /** Keep data across restarts in an append-only file. */
        public Builder appendOnly(boolean appendOnly) {
            this.appendOnly = appendOnly;
            return this;
        }

        /** Server output; defaults to {@code <dir>.log}. */
        public Builder log(Path log) {
            this.log = log;
            return this;
        }

        public Builder pidFile(Path pidFile) {
            this.pidFile = pidFile;
            return this;
        }

        public EmbeddedRedis build() {
            return new EmbeddedRedis(this);
        }
    }
}
