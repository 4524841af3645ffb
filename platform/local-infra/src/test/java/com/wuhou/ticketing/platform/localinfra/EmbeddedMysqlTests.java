package com.wuhou.ticketing.platform.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuhou.ticketing.platform.localinfra.LocalProcess.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMysqlTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    @Test
    void shouldAnswerQueriesAndKeepSchemasWhenRestartedOnTheSameDataDir() {
        int port = Ports.freePort();
        EmbeddedMysql mysql = EmbeddedMysql.builder()
                .port(port)
                .dataDir(temp.resolve("mysql"))
                .build();

        try (mysql) {
            mysql.start(Mode.ATTACHED, TIMEOUT);
            assertThat(mysql.queryForString("SELECT 1")).isEqualTo("1");
            assertThat(mysql.queryForString("SELECT VERSION()")).startsWith(EmbeddedMysql.VERSION);
            assertThat(mysql.queryForString("SELECT @@gtid_mode")).isEqualTo("ON");
            mysql.createDatabases("order_db", "inventory_db");
            mysql.createDatabases("order_db"); // idempotent
        }
        assertThat(mysql.process().isAlive()).isFalse();
        assertThat(Ports.isOpen(port)).isFalse();

        try (EmbeddedMysql again = EmbeddedMysql.builder()
                .port(port)
                .dataDir(temp.resolve("mysql"))
                .build()) {
            again.start(Mode.ATTACHED, TIMEOUT);
            assertThat(
                            again.queryForString(
                                    "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN ('order_db', 'inventory_db')"))
                    .isEqualTo("2");
        }
    }

    @Test
    void shouldWritePidFileAndBeFoundAgainWhenStartedDetached() throws Exception {
        int port = Ports.freePort();
        Path pidFile = temp.resolve("pids/mysql.pid");
        Path dataDir = temp.resolve("data/mysql");
        EmbeddedMysql mysql = EmbeddedMysql.builder()
                .port(port)
                .dataDir(dataDir)
                .log(temp.resolve("logs/mysql.log"))
                .pidFile(pidFile)
                .serverArgs("--performance-schema=OFF")
                .build();
        try {
            mysql.start(Mode.DETACHED, TIMEOUT);

            assertThat(Files.readString(pidFile).trim())
                    .isEqualTo(Long.toString(mysql.process().pid()));
            assertThat(LocalProcess.fromPidFile(
                            pidFile, dataDir.toAbsolutePath().toString()))
                    .contains(mysql.process());
            assertThat(LocalProcess.fromPidFile(pidFile, "somebody-else")).isEmpty();
            assertThat(Ports.listener(port)).contains(mysql.process());
            assertThat(mysql.queryForString("SELECT @@performance_schema")).isEqualTo("0");
            assertThat(temp.resolve("logs/mysql.log")).content().contains("ready for connections");
        } finally {
            mysql.stop();
        }
        assertThat(LocalProcess.fromPidFile(pidFile, dataDir.toAbsolutePath().toString()))
                .isEmpty();
    }
}
