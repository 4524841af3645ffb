package com.wuhou.ticketing.devstack;

import com.wuhou.ticketing.platform.localinfra.EmbeddedMysql;
import com.wuhou.ticketing.platform.localinfra.EmbeddedRedis;
import com.wuhou.ticketing.platform.localinfra.LocalProcess;
import com.wuhou.ticketing.platform.localinfra.LocalProcess.Mode;
import com.wuhou.ticketing.platform.localinfra.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Starts, probes and stops the components of one devstack home. */
final class Runner {

    /** A component that did not come up; the caller prints its log. */
    static final class StartFailure extends RuntimeException {
        final Component component;

        StartFailure(Component component, String message) {
            super(message);
            this.component = component;
        }
    }

    /**
     * JVM flags for every service: small heaps, one GC thread, C1 only (fast start, low RSS). C2 on the
     * sales path was tried: no more orders per second on two cores, and its warm-up competes with the
     * first burst after a start (docs/benchmarks.md).
     */
    static final List<String> SERVICE_JVM_FLAGS =
            List.of("-Xmx192m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxMetaspaceSize=192m");

    /**
     * {@code DEVSTACK_JIT=c2} lets services and the Seata coordinator compile hot code fully, for
     * benchmarks after a warm-up; the default C1 starts faster and keeps bursts after a start steady.
     */
    static final boolean FULL_JIT = "c2".equalsIgnoreCase(System.getenv("DEVSTACK_JIT"));

    /** The JVM flags as this run uses them: without the C1-only flag when {@link #FULL_JIT}. */
    static List<String> jvmFlags(List<String> flags) {
        return FULL_JIT
                ? flags.stream()
                        .filter(f -> !f.startsWith("-XX:TieredStopAtLevel"))
                        .toList()
                : flags;
    }

    private static final Pattern STATUS_UP = Pattern.compile("^\\{\\s*\"status\"\\s*:\\s*\"UP\"");
    // Services write their class-data archive on their first stop: give them time to finish it.
    private static final Duration STOP_GRACE = Duration.ofSeconds(120);

    private final Layout layout;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final Map<String, ServiceImage> images = new ConcurrentHashMap<>();
    private LocalSecrets secrets;

    Runner(Layout layout) {
        this.layout = layout;
    }

    Layout layout() {
        return layout;
    }

    /** Our live process for this component, if any (pid file + our marker in its command line). */
    Optional<ProcessHandle> running(Component c) {
        return LocalProcess.fromPidFile(layout.pidFile(c.name()), layout.marker());
    }

    /** What has to be built before this component can run (empty when it is ready to go). */
    Optional<Path> missingArtifact(Component c) {
        Path needed = switch (c.kind()) {
            case NACOS -> nacosDir().resolve("classes/com/wuhou/ticketing/devstack/nacos/NacosStandalone.class");
            case SEATA -> seataDir().resolve("lib");
            case SERVICE -> serviceJar(c);
            default -> null;
        };
        return needed == null || Files.exists(needed) ? Optional.empty() : Optional.of(needed);
    }

    /** A port of this component held by a process that is not ours, described for the user. */
    Optional<String> portConflict(Component c) {
        for (int port : c.ports()) {
            if (Ports.isOpen(port)) {
                String owner = Ports.listener(port)
                        .map(p -> "pid " + p.pid() + " (" + abbreviate(LocalProcess.commandLine(p)) + ")")
                        .orElse("a process we cannot see");
                return Optional.of("port " + port + " (" + c.name() + ") is taken by " + owner
                        + ", which this devstack (" + layout.home() + ") did not start");
            }
        }
        return Optional.empty();
    }

    /**
     * Launches the component. MySQL and Redis are also awaited here (their helpers block until they
     * answer); the JVM-based ones return at once and are awaited by {@link #awaitReady}.
     */
    ProcessHandle start(Component c, long deadlineNanos) {
        Path log = layout.log(c.name());
        Path pidFile = layout.pidFile(c.name());
        Duration left = Duration.ofNanos(Math.max(deadlineNanos - System.nanoTime(), 0));
        try {
            Files.deleteIfExists(pidFile);
            return switch (c.kind()) {
                case MYSQL -> {
                    EmbeddedMysql mysql = mysql().start(Mode.DETACHED, left);
                    mysql.createDatabases(Component.schemas().toArray(String[]::new));
                    yield mysql.process();
                }
                case REDIS ->
                    EmbeddedRedis.builder()
                            .port(c.port())
                            .dir(layout.data("redis"))
                            .appendOnly(true)
                            .log(log)
                            .pidFile(pidFile)
                            .build()
                            .start(Mode.DETACHED, left)
                            .process();
                case NACOS -> LocalProcess.start(nacosCommand(), Map.of(), log, pidFile, Mode.DETACHED);
                case SEATA -> LocalProcess.start(seataCommand(), Map.of(), log, pidFile, Mode.DETACHED);
                case SERVICE -> LocalProcess.start(serviceCommand(c), serviceEnv(c), log, pidFile, Mode.DETACHED);
            };
        } catch (IOException | RuntimeException e) {
            if (e instanceof StartFailure failure) {
                throw failure;
            }
            throw new StartFailure(c, e.getMessage());
        }
    }

    /** Polls until the component is ready; fails when its process dies or the deadline passes. */
    void awaitReady(Component c, ProcessHandle process, long deadlineNanos) {
        while (!isReady(c)) {
            if (!process.isAlive()) {
                throw new StartFailure(c, c.name() + " (pid " + process.pid() + ") exited during start-up");
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new StartFailure(c, c.name() + " is not ready in time: " + whyNotReady(c));
            }
            Ports.sleep(Duration.ofMillis(500));
        }
    }

    /** One probe: does the component answer the way its users need? */
    boolean isReady(Component c) {
        return whyNotReady(c) == null;
    }

    /** Null when ready, else what the last probe saw. */
    String whyNotReady(Component c) {
        return switch (c.kind()) {
            case MYSQL -> {
                try {
                    mysql().queryForString("SELECT 1");
                    yield null;
                } catch (RuntimeException e) {
                    yield "MySQL does not answer SELECT 1 on " + c.port();
                }
            }
            case REDIS ->
                "PONG".equals(EmbeddedRedis.ping(c.port())) ? null : "Redis does not answer PING on " + c.port();
            case NACOS -> {
                int status = httpStatus(nacosInstancesUrl("devstack-probe"));
                if (status != 200) {
                    yield "Nacos naming API answers " + status;
                }
                yield Ports.isOpen(9848) && Ports.isOpen(Component.NACOS_CONSOLE_PORT)
                        ? null
                        : "Nacos gRPC 9848 or console " + Component.NACOS_CONSOLE_PORT + " not open yet";
            }
            case SEATA -> Ports.isOpen(c.port()) && Ports.isOpen(7091) ? null : "Seata ports 8091/7091 not open yet";
            case SERVICE -> {
                String health = httpBody("http://127.0.0.1:" + c.managementPort() + "/actuator/health/readiness");
                if (health == null || !STATUS_UP.matcher(health).find()) {
                    yield "readiness is " + (health == null ? "not answering" : health);
                }
                yield registeredInNacos(c) ? null : "not (yet) a healthy instance in Nacos";
            }
        };
    }

    /** Whether Nacos lists a healthy instance of the service on its port. */
    boolean registeredInNacos(Component c) {
        String body = httpBody(nacosInstancesUrl(c.module()));
        if (body == null) {
            return false;
        }
        for (String instance : body.split("\\},\\s*\\{")) {
            if (instance.matches("(?s).*\"port\"\\s*:\\s*" + c.port() + "\\b.*")
                    && instance.matches("(?s).*\"healthy\"\\s*:\\s*true.*")) {
                return true;
            }
        }
        return false;
    }

    /** SIGTERM, up to 20 s, then SIGKILL. Returns the pid stopped, or empty when nothing ran. */
    Optional<Long> stop(Component c) {
        Optional<ProcessHandle> process = running(c);
        process.ifPresent(p -> LocalProcess.stop(p, STOP_GRACE));
        try {
            Files.deleteIfExists(layout.pidFile(c.name()));
        } catch (IOException e) {
            // a stale pid file is harmless: it is checked against the live process next time
        }
        return process.map(ProcessHandle::pid);
    }

    Path serviceJar(Component c) {
        return layout.root().resolve(c.module()).resolve("target").resolve(c.module() + ".jar");
    }

    private EmbeddedMysql mysql() {
        return EmbeddedMysql.builder()
                .port(Component.MYSQL_PORT)
                .dataDir(layout.data("mysql"))
                .log(layout.log("mysql"))
                .pidFile(layout.pidFile("mysql"))
                // Local only: no performance schema and a small buffer pool save ~250 MiB.
                .serverArgs("--performance-schema=OFF", "--innodb-buffer-pool-size=64M")
                .build();
    }

    private Path nacosDir() {
        return layout.root().resolve("devstack/nacos/target");
    }

    private Path seataDir() {
        return layout.root().resolve("devstack/seata/target");
    }

    private List<String> nacosCommand() {
        Path home = layout.data("nacos");
        return List.of(
                java,
                "-Xms64m",
                "-Xmx256m",
                "-Xss512k",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "--add-opens",
                "java.base/java.util=ALL-UNNAMED",
                "-Duser.home=" + home,
                "-cp",
                nacosDir().resolve("classes") + ":" + nacosDir().resolve("lib") + "/*",
                "com.wuhou.ticketing.devstack.nacos.NacosStandalone",
                home.toString());
    }

    private List<String> seataCommand() {
        Path home = layout.data("seata");
        return jvmFlags(List.of(
                java,
                "-Xmx192m",
                "-Xss512k",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Duser.home=" + home, // jraft and friends write under ~/logs otherwise
                "-Dlog.home=" + home.resolve("logs"),
                // At INFO the coordinator logs every message and every commit: a third of its CPU under
                // load. Registrations (which the e2e tests read) stay at INFO.
                "-Dlogging.level.io.seata.core.rpc.processor.server.BatchLogHandler=WARN",
                "-Dlogging.level.io.seata.server.coordinator=WARN",
                "-Dserver.port=7091",
                "-Dseata.server.service-port=" + Component.SEATA_PORT,
                "-Dseata.config.type=file",
                "-Dseata.registry.type=file",
                "-Dseata.store.mode=file",
                "-Dseata.store.file.dir=" + home.resolve("sessionStore"),
                "-cp",
                seataDir().resolve("lib") + "/*",
                "io.seata.server.ServerApplication"));
    }

    /** How the service's current jar is run (extracted, with class-data sharing); prepared on demand. */
    ServiceImage image(Component c) {
        ServiceImage image = images.computeIfAbsent(
                c.name(),
                name -> new ServiceImage(
                        serviceJar(c), layout.home().resolve("apps").resolve(name), java));
        image.prepare();
        return image;
    }

    private List<String> serviceCommand(Component c) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags(SERVICE_JVM_FLAGS));
        command.add("-Ddevstack.home=" + layout.marker());
        // The Nacos client logs to ~/logs/nacos unless told otherwise; keep it under the home.
        command.add("-DJM.LOG.PATH=" + layout.data(c.name()).resolve("nacos-client"));
        command.addAll(image(c).launchArguments());
        return command;
    }

    /** Read (or made) once per command, though services start in parallel. */
    private synchronized LocalSecrets secrets() {
        if (secrets == null) {
            secrets = LocalSecrets.load(layout.home().resolve("secrets"));
        }
        return secrets;
    }

    /** Every service defaults to this devstack anyway; the secrets are made on the first start. */
    Map<String, String> serviceEnv(Component c) {
        Map<String, String> env = new LinkedHashMap<>();
        LocalSecrets secrets = secrets();
        if (c.module().equals("order-service")) {
            env.put("BOOTSTRAP_OPERATOR_USERNAME", LocalSecrets.OPERATOR);
            env.put("BOOTSTRAP_OPERATOR_PASSWORD", secrets.operatorPassword());
            env.put("OPERATOR_TOKEN_PRIVATE_KEY", secrets.tokenPrivateKey());
            env.put("VISITOR_HASH_KEY", secrets.visitorHashKey());
            // Only order-service: gates hold the visitor key, so order tokens need a key of their own.
            env.put("ORDER_TOKEN_KEY", secrets.orderTokenKey());
            env.put("TICKET_SIGNING_PRIVATE_KEY", secrets.ticketPrivateKey());
            env.put("TICKET_SIGNING_PUBLIC_KEY", secrets.ticketPublicKey());
            env.put("SANDBOX_PAYMENT_SECRET", secrets.sandboxSecret());
            env.put("PAYMENT_SANDBOX_ENABLED", "true");
        }
        // The gateway and every service verify operator tokens (each service again, for itself).
        env.put("OPERATOR_TOKEN_PUBLIC_KEY", secrets.tokenPublicKey());
        if (c.module().equals("gateway-service") || c.module().equals("checkin-service")) {
            env.put("SIGNING_KEY_ENCRYPTION_KEY", secrets.signingKeyEncryptionKey());
        }
        if (c.module().equals("checkin-service")) {
            // Gates check e-tickets with the public key and look ID numbers up by their hash.
            env.put("TICKET_SIGNING_PUBLIC_KEY", secrets.ticketPublicKey());
            env.put("VISITOR_HASH_KEY", secrets.visitorHashKey());
        }
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("SERVER_PORT", Integer.toString(c.port()));
        if (c.managementPort() != c.port()) {
            env.put("MANAGEMENT_SERVER_PORT", Integer.toString(c.managementPort()));
        }
        env.put("MYSQL_HOST", "127.0.0.1");
        env.put("MYSQL_PORT", Integer.toString(Component.MYSQL_PORT));
        env.put("MYSQL_USER", "root");
        env.put("REDIS_HOST", "127.0.0.1");
        env.put("REDIS_PORT", Integer.toString(Component.REDIS_PORT));
        env.put("NACOS_SERVER_ADDR", "127.0.0.1:" + Component.NACOS_PORT);
        env.put("SEATA_ENABLED", "true");
        env.put("SEATA_SERVER_ADDR", "127.0.0.1:" + Component.SEATA_PORT);
        return env;
    }

    private static String nacosInstancesUrl(String service) {
        return "http://127.0.0.1:" + Component.NACOS_PORT + "/nacos/v3/client/ns/instance/list?serviceName=" + service;
    }

    private int httpStatus(String url) {
        try {
            return http.send(request(url), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private String httpBody(String url) {
        try {
            HttpResponse<String> response = http.send(request(url), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
    }

    private static String abbreviate(String commandLine) {
        return commandLine.length() <= 120 ? commandLine : commandLine.substring(0, 117) + "...";
    }
}
