package com.wuhou.ticketing.platform.localinfra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Starts and stops a native or Java process with its output appended to a log file.
 *
 * <p>{@link Mode#ATTACHED}: destroyed by a shutdown hook when this JVM exits (tests).
 * {@link Mode#DETACHED}: started in its own session ({@code setsid}, so Ctrl-C on the launcher's
 * terminal does not reach it), outlives this JVM, and its pid is written to a pid file.
 */
public final class LocalProcess {

    /** Whether the process lives and dies with this JVM. */
    public enum Mode {
        ATTACHED,
        DETACHED
    }

    private LocalProcess() {}

    /**
     * Starts {@code command}; stdout and stderr are appended to {@code log}; {@code pidFile} may
     * be null. Returns at once: waiting for readiness is the caller's business.
     */
    public static ProcessHandle start(
            List<String> command, Map<String, String> env, Path log, Path pidFile, Mode mode) {
        List<String> full = new ArrayList<>();
        if (mode == Mode.DETACHED && new File("/usr/bin/setsid").canExecute()) {
            full.add("/usr/bin/setsid"); // a child of the JVM is no group leader: setsid execs in place
        }
        full.addAll(command);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            ProcessHandle handle = builder.start().toHandle();
            if (mode == Mode.ATTACHED) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(handle, Duration.ofSeconds(10))));
            }
            if (pidFile != null) {
                Files.createDirectories(pidFile.toAbsolutePath().getParent());
                Files.writeString(pidFile, handle.pid() + "\n");
            }
            return handle;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL. Returns true when it ended gracefully. */
    public static boolean stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            process.destroyForcibly();
            process.onExit().orTimeout(5, TimeUnit.SECONDS).join();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The live process recorded in {@code pidFile}, if its command line or its working directory
     * contains {@code marker} (so a recycled pid of somebody else's process is never taken for
     * ours). The working directory covers servers that rewrite their process title, like Redis.
     */
    public static Optional<ProcessHandle> fromPidFile(Path pidFile, String marker) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> commandLine(p).contains(marker)
                            || workingDirectory(p).contains(marker));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The full command line of a process, read from /proc (empty when not visible). */
    public static String commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return new String(raw).replace('\0', ' ').trim();
        } catch (IOException e) {
            return process.info().commandLine().orElse("");
        }
    }

    private static String workingDirectory(ProcessHandle process) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")) + "/";
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    /** Resident set size in bytes, from /proc (0 when not visible). */
    public static long rssBytes(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Deletes a directory tree (no-op when absent). */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The last {@code lines} lines of a (log) file, or a note that it does not exist. */
    public static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no " + file + ")";
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
