package com.wuhou.ticketing.platform.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuhou.ticketing.platform.localinfra.LocalProcess.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRedisTests {

    @TempDir
    Path temp;

    @Test
    void shouldAnswerPingWhenStarted() {
        int port = Ports.freePort();
        try (EmbeddedRedis redis =
                EmbeddedRedis.builder().port(port).dir(temp.resolve("redis")).build()) {
            redis.start(Mode.ATTACHED, Duration.ofSeconds(10));

            assertThat(EmbeddedRedis.ping(port)).isEqualTo("PONG");
            assertThat(Ports.listener(port)).contains(redis.process());
        }
        assertThat(EmbeddedRedis.ping(port)).isNull();
    }

    @Test
    void shouldKeepDataWhenRestartedWithAppendOnlyFile() throws IOException {
        int port = Ports.freePort();
        Path dir = temp.resolve("redis");
        try (EmbeddedRedis redis = EmbeddedRedis.builder()
                .port(port)
                .dir(dir)
                .appendOnly(true)
                .pidFile(temp.resolve("redis.pid"))
                .build()) {
            redis.start(Mode.DETACHED, Duration.ofSeconds(10));
            assertThat(command(port, "SET slot:2025-02-01 42")).isEqualTo("+OK");
        }

        try (EmbeddedRedis redis =
                EmbeddedRedis.builder().port(port).dir(dir).appendOnly(true).build()) {
            redis.start(Mode.ATTACHED, Duration.ofSeconds(10));
            assertThat(command(port, "GET slot:2025-02-01")).isEqualTo("$2\r\n42");
        }
    }

    private static String command(int port, String inline) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            int n = in.read(buffer);
            return new String(buffer, 0, n, StandardCharsets.US_ASCII).trim();
        }
    }
}
