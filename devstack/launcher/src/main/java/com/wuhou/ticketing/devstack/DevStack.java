package com.wuhou.ticketing.devstack;

import com.wuhou.ticketing.devstack.Runner.StartFailure;
import com.wuhou.ticketing.platform.localinfra.LocalProcess;
import com.wuhou.ticketing.platform.localinfra.Ports;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * The local runtime CLI. {@code java -jar devstack.jar [--home DIR] [--root DIR] COMMAND}; see
 * {@link #USAGE}. Exit codes: 0 ok, 1 failure, 2 usage error.
 */
public final class DevStack {

    static final String USAGE = """
            usage: devstack [--home DIR] [--root DIR] COMMAND
              up [--wipe] [--infra-only] [--timeout SECONDS (240; 420 with DEVSTACK_JIT=c2)]
                            start everything not running yet (MySQL, Redis, Nacos, Seata, then the
                            services) and wait until all are healthy and registered in Nacos
              down [--wipe]  stop what this devstack started (services first); --wipe deletes data
              status         one line per process: name, pid, port, state, RSS
              start NAME     start one process and wait until it is ready  (--timeout SECONDS, as up)
              stop NAME      stop one process
              logs [NAME]    list the log files, or print the last 100 lines of NAME's log
            --root  repository root (default: the directory above the current one holding devstack/launcher)
            --home  state folder for logs/, pids/, data/ (default: ROOT/.devstack)
            """;

    private static final int OK = 0;
    private static final int FAILED = 1;
    private static final int USAGE_ERROR = 2;
    private static final int LOG_LINES_ON_FAILURE = 40;

    private final Runner runner;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    DevStack(Runner runner, PrintStream out) {
        this.runner = runner;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("devstack: " + e.getMessage());
            err.print(USAGE);
            return USAGE_ERROR;
        }
        DevStack devStack = new DevStack(new Runner(new Layout(options.root, options.home)), out);
        try {
            return switch (options.command) {
                case "up" -> devStack.up(options.wipe, options.infraOnly, options.timeoutSeconds);
                case "down" -> devStack.down(options.wipe);
                case "status" -> devStack.status();
                case "start" -> devStack.start(options.name, options.timeoutSeconds);
                case "stop" -> devStack.stop(options.name);
                case "logs" -> devStack.logs(options.name);
                default -> throw new IllegalStateException(options.command);
            };
        } catch (StartFailure failure) {
            devStack.report(failure);
            return FAILED;
        } catch (RuntimeException e) {
            err.println("devstack: " + e.getMessage());
            return FAILED;
        }
    }

    int up(boolean wipe, boolean infraOnly, int timeoutSeconds) {
        if (wipe) {
            down(true);
        }
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        List<Component> infra = Component.INFRA;
        List<String> unbuilt = new ArrayList<>();
        infra.forEach(c -> runner.missingArtifact(c).ifPresent(p -> unbuilt.add(c.name() + ": " + p)));
        if (!unbuilt.isEmpty()) {
            out.println("Not built yet:\n  " + String.join("\n  ", unbuilt));
            out.println("Build with: ./mvnw -q -DskipTests install   (or ./dev up --build)");
            return FAILED;
        }
        List<Component> services = new ArrayList<>();
        List<Component> missingJars = new ArrayList<>();
        if (!infraOnly) {
            for (Component c : Component.SERVICES) {
                (runner.missingArtifact(c).isPresent() ? missingJars : services).add(c);
            }
        }
        if (!missingJars.isEmpty()) {
            out.println("Missing service jars (these services will not start):");
            missingJars.forEach(c -> out.println("  " + runner.serviceJar(c)));
            out.println("Build them with: ./mvnw -q -DskipTests install   (or ./dev up --build)");
        }
        if (refuseTakenPorts(Stream.concat(infra.stream(), services.stream()).toList())) {
            return FAILED;
        }
        out.println("Starting the devstack in " + runner.layout().home());
        // Unpack new service builds while the infrastructure starts (one at a time: it is I/O-bound).
        CompletableFuture<Void> prepared = CompletableFuture.runAsync(
                () -> services.stream().filter(c -> runner.running(c).isEmpty()).forEach(runner::image),
                runnerThreads());
        startAll(infra, deadline);
        prepared.join();
        startAll(services, deadline);
        out.printf(Locale.ROOT, "%nAll up in %.1f s.%n", elapsed());
        if (!infraOnly) {
            out.println("  Gateway      http://localhost:8080");
            out.println("  Swagger UI   http://localhost:8080/swagger-ui.html");
            out.println("  Actuator     http://localhost:" + Component.GATEWAY_MANAGEMENT_PORT
                    + "/actuator  (the gateway's health, metrics, routes; not on :8080)");
            out.println("  Operator     " + LocalSecrets.OPERATOR + " / password in "
                    + runner.layout().home().resolve("secrets/operator-password"));
        }
        out.println(
                "  Nacos        http://localhost:" + Component.NACOS_CONSOLE_PORT + "/  (console; API on :8848/nacos)");
        out.println("  Seata        http://localhost:7091/  (console)");
        out.println("  MySQL        127.0.0.1:" + Component.MYSQL_PORT + " (root, no password)   Redis 127.0.0.1:"
                + Component.REDIS_PORT);
        out.println("  Logs         " + runner.layout().home().resolve("logs"));
        if (!missingJars.isEmpty()) {
            out.println("Not started (jar missing): "
                    + String.join(
                            ", ", missingJars.stream().map(Component::name).toList()));
            return FAILED;
        }
        return OK;
    }

    int down(boolean wipe) {
        List<Component> order = new ArrayList<>(Component.ALL);
        Collections.reverse(order);
        // Services together (they do not depend on each other), then infra one by one.
        List<CompletableFuture<Void>> services = order.stream()
                .filter(Component::isService)
                .map(c -> CompletableFuture.runAsync(() -> stopAndSay(c)))
                .toList();
        services.forEach(CompletableFuture::join);
        order.stream().filter(c -> !c.isService()).forEach(this::stopAndSay);
        if (wipe) {
            Path data = runner.layout().home().resolve("data");
            try {
                LocalProcess.deleteRecursively(data);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + data, e);
            }
            out.println("deleted " + data);
        }
        return OK;
    }

    int status() {
        long total = 0;
        out.printf(Locale.ROOT, "%-24s %8s %6s  %-10s %9s%n", "NAME", "PID", "PORT", "STATE", "RSS");
        for (Component c : Component.ALL) {
            Optional<ProcessHandle> process = runner.running(c);
            long rss = process.map(LocalProcess::rssBytes).orElse(0L);
            total += rss;
            String state = process.isEmpty() ? "stopped" : runner.isReady(c) ? "running" : "unhealthy";
            out.printf(
                    Locale.ROOT,
                    "%-24s %8s %6d  %-10s %9s%n",
                    c.name(),
                    process.map(p -> Long.toString(p.pid())).orElse("-"),
                    c.port(),
                    state,
                    process.isEmpty() ? "-" : mib(rss));
        }
        out.printf(Locale.ROOT, "%-24s %8s %6s  %-10s %9s%n", "total", "", "", "", mib(total));
        return OK;
    }

    int start(String name, int timeoutSeconds) {
        Component c = component(name);
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        if (runner.missingArtifact(c).isPresent()) {
            out.println(c.name() + " is not built: " + runner.missingArtifact(c).get());
            out.println("Build with: ./mvnw -q -DskipTests install   (or ./dev up --build)");
            return FAILED;
        }
        if (refuseTakenPorts(List.of(c))) {
            return FAILED;
        }
        startAll(List.of(c), deadline);
        return OK;
    }

    int stop(String name) {
        Component c = component(name);
        if (stopAndSay(c).isEmpty()) {
            out.println(c.name() + " was not running");
        }
        return OK;
    }

    int logs(String name) {
        Path logs = runner.layout().home().resolve("logs");
        if (name == null) {
            if (!Files.isDirectory(logs)) {
                out.println("no logs yet in " + logs);
                return OK;
            }
            try (Stream<Path> files = Files.list(logs)) {
                files.sorted()
                        .forEach(f -> out.printf(
                                Locale.ROOT,
                                "%-28s %10d bytes  %s%n",
                                f.getFileName().toString().replaceFirst("\\.log$", ""),
                                size(f),
                                f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return OK;
        }
        Path log = runner.layout().log(component(name).name());
        out.println(LocalProcess.tail(log, 100));
        return Files.isRegularFile(log) ? OK : FAILED;
    }

    /**
     * Starts the components that are not running yet, in parallel, and waits until every one is
     * ready, printing one line per component as it becomes ready.
     */
    private void startAll(List<Component> components, long deadline) {
        List<CompletableFuture<Void>> all = components.stream()
                .map(c -> CompletableFuture.runAsync(() -> startOne(c, deadline), runnerThreads()))
                .toList();
        // Fail fast: report the first component that fails, without waiting for the others.
        try {
            while (!all.stream().allMatch(CompletableFuture::isDone)) {
                all.stream().filter(CompletableFuture::isCompletedExceptionally).forEach(CompletableFuture::join);
                Ports.sleep(Duration.ofMillis(100));
            }
            all.forEach(CompletableFuture::join);
        } catch (CompletionException e) {
            if (e.getCause() instanceof StartFailure failure) {
                throw failure;
            }
            throw e;
        }
    }

    private void startOne(Component c, long deadline) {
        Optional<ProcessHandle> existing = runner.running(c);
        ProcessHandle process = existing.orElseGet(() -> runner.start(c, deadline));
        runner.awaitReady(c, process, deadline);
        synchronized (out) {
            out.printf(
                    Locale.ROOT,
                    "[%6.1f s] %-24s ready    pid %-8d :%d%s%n",
                    elapsed(),
                    c.name(),
                    process.pid(),
                    c.port(),
                    existing.isPresent() ? "  (was already running)" : "");
        }
    }

    private static Executor runnerThreads() {
        // One thread per component: they mostly sleep while polling.
        return task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            thread.start();
        };
    }

    private boolean refuseTakenPorts(List<Component> components) {
        Map<String, String> conflicts = new LinkedHashMap<>();
        for (Component c : components) {
            if (runner.running(c).isEmpty()) {
                runner.portConflict(c).ifPresent(message -> conflicts.put(c.name(), message));
            }
        }
        conflicts.values().forEach(message -> out.println("Refusing to start: " + message));
        return !conflicts.isEmpty();
    }

    private Optional<Long> stopAndSay(Component c) {
        long t0 = System.nanoTime();
        Optional<Long> pid = runner.stop(c);
        pid.ifPresent(p -> {
            synchronized (out) {
                out.printf(
                        Locale.ROOT, "stopped %-24s pid %-8d in %.1f s%n", c.name(), p, (System.nanoTime() - t0) / 1e9);
            }
        });
        return pid;
    }

    private void report(StartFailure failure) {
        Path log = runner.layout().log(failure.component.name());
        out.println();
        out.println("FAILED: " + failure.getMessage());
        out.println("--- last " + LOG_LINES_ON_FAILURE + " lines of " + log + " ---");
        out.println(LocalProcess.tail(log, LOG_LINES_ON_FAILURE));
        out.println("--- processes are left running for inspection: `devstack status`, `devstack down` ---");
    }

    private static Component component(String name) {
        return Component.named(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown process '" + name + "'; one of "
                        + String.join(
                                ", ",
                                Component.ALL.stream().map(Component::name).toList())));
    }

    private double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%d MiB", bytes / (1024 * 1024));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The parsed command line. */
    static final class Options {
        String command;
        String name;
        Path root;
        Path home;
        boolean wipe;
        boolean infraOnly;
        // The full JIT compiles while the services start: on two cores their first start takes longer.
        int timeoutSeconds = Runner.FULL_JIT ? 420 : 240;

        static Options parse(String[] args) {
            Options o = new Options();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--root" -> o.root = Path.of(value(args, ++i, "--root"));
                    case "--home" -> o.home = Path.of(value(args, ++i, "--home"));
                    case "--timeout" -> o.timeoutSeconds = seconds(value(args, ++i, "--timeout"));
                    case "--wipe" -> o.wipe = true;
                    case "--infra-only" -> o.infraOnly = true;
                    case "-h", "--help" -> throw new IllegalArgumentException("help");
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        positional.add(args[i]);
                    }
                }
            }
            if (positional.isEmpty()) {
                throw new IllegalArgumentException("no command");
            }
            o.command = positional.get(0);
            boolean takesName = List.of("start", "stop", "logs").contains(o.command);
            if (!List.of("up", "down", "status", "start", "stop", "logs").contains(o.command)) {
                throw new IllegalArgumentException("unknown command " + o.command);
            }
            if (positional.size() > (takesName ? 2 : 1)) {
                throw new IllegalArgumentException("too many arguments");
            }
            o.name = positional.size() > 1 ? positional.get(1) : null;
            if (o.name == null && List.of("start", "stop").contains(o.command)) {
                throw new IllegalArgumentException(o.command + " needs a NAME");
            }
            if (o.name != null && Component.named(o.name).isEmpty()) {
                throw new IllegalArgumentException("unknown process " + o.name);
            }
            if (o.root == null) {
                o.root = Layout.findRoot(Path.of(""));
                if (o.root == null) {
                    throw new IllegalArgumentException(
                            "cannot find the repository root (a directory with devstack/launcher); use --root");
                }
            }
            if (o.home == null) {
                o.home = o.root.resolve(".devstack");
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int seconds(String text) {
            try {
                int seconds = Integer.parseInt(text);
                if (seconds > 0) {
                    return seconds;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--timeout needs a positive number of seconds, not " + text);
        }
    }
}
