package com.wuhou.ticketing.platform.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Small helpers around local TCP ports. */
public final class Ports {

    private Ports() {}

    /** A port that was free a moment ago (for tests; racy by nature). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:port. */
    public static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until 127.0.0.1:port accepts connections. Fails early when {@code process} (may be
     * null) dies first, naming the log file to read.
     */
    public static void awaitOpen(int port, Duration timeout, ProcessHandle process, Path log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isOpen(port)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("process " + process.pid() + " exited before port " + port + " opened"
                        + (log == null ? "" : "; see " + log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("port " + port + " did not open within " + timeout.toSeconds() + " s"
                        + (log == null ? "" : "; see " + log));
            }
            sleep(Duration.ofMillis(100));
        }
    }

    /**
     * The process listening on a local TCP port, found through /proc (Linux). Empty when nothing
     * listens or the owner cannot be seen (another user's process when we are not root).
     */
    public static Optional<ProcessHandle> listener(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // local_address is HEXIP:HEXPORT, st 0A = LISTEN, inode is field 9.
                    if (f.length > 9 && f[1].endsWith(String.format(":%04X", port)) && f[3].equals("0A")) {
                        inodes.add("socket:[" + f[9] + "]");
                    }
                }
            } catch (IOException e) {
                // no such table (no IPv6, not Linux): nothing to find there
            }
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> ownsSocket(p.pid(), inodes)).findFirst();
        }
    }

    private static boolean ownsSocket(long pid, Set<String> inodes) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return inodes.contains(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Thread.sleep that turns an interrupt into an unchecked exception (keeping the flag). */
    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
