package com.wuhou.ticketing.platform.testsupport;

import com.wuhou.ticketing.platform.localinfra.EmbeddedMysql;
import com.wuhou.ticketing.platform.localinfra.EmbeddedRedis;
import com.wuhou.ticketing.platform.localinfra.LocalProcess;
import com.wuhou.ticketing.platform.localinfra.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MySQL 8.0 and Redis 6.2 as child processes of the test JVM, on free ports, with their data in a
 * temporary folder; both stop when the JVM exits.
 */
final class EmbeddedInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    static SharedInfrastructure start() {
        Path root = workDir();
        long started = System.nanoTime();
        EmbeddedMysql mysql = EmbeddedMysql.builder()
                .port(Ports.freePort())
                .dataDir(root.resolve("mysql"))
                .log(root.resolve("mysql.log"))
                // Tests want a quick server, not a durable one.
                .serverArgs("--innodb-flush-log-at-trx-commit=2", "--sync-binlog=0", "--performance-schema=OFF")
                .build()
                .start(LocalProcess.Mode.ATTACHED, START_TIMEOUT);
        EmbeddedRedis redis = EmbeddedRedis.builder()
                .port(Ports.freePort())
                .dir(root.resolve("redis"))
                .log(root.resolve("redis.log"))
                .build()
                .start(LocalProcess.Mode.ATTACHED, START_TIMEOUT);
        log.info(
                "Embedded MySQL {} on port {} and Redis {} on port {} ready in {} ms (logs in {})",
                EmbeddedMysql.VERSION,
                mysql.port(),
                EmbeddedRedis.VERSION,
                redis.port(),
                (System.nanoTime() - started) / 1_000_000,
                root);
        return new SharedInfrastructure("127.0.0.1", mysql.port(), "root", "", "127.0.0.1", redis.port());
    }

    /** Under the build's target folder when run by Maven, so `mvn clean` removes it. */
    private static Path workDir() {
        try {
            Path base = Path.of(System.getProperty("ticketing.test.work-dir", "target"));
            Files.createDirectories(base);
            return Files.createTempDirectory(base.toAbsolutePath(), "real-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EmbeddedInfrastructure() {}
}
