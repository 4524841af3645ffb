package com.wuhou.ticketing.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time of every platform process (MySQL, Redis, Nacos, Seata, each service: the devstack's
 * {@code pids/*.pid}) and of the load tool itself, read from {@code /proc/<pid>/stat} (utime +
 * stime, with the process's descendants) before and after a phase, and printed per unit of work.
 */
final class ProcessCpu {

    /** Ticks per second of utime and stime ({@code getconf CLK_TCK}; 100 on every Linux we run). */
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private final Map<String, Long> pids = new LinkedHashMap<>();

    ProcessCpu(Path home) {
        Path dir = home.resolve("pids");
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".pid"))
                    .sorted()
                    .forEach(f -> pid(f).ifPresent(pid -> pids.put(name(f), pid)));
        } catch (IOException e) {
            System.out.println("  (no pid files in " + dir + ": only the load tool's CPU is counted; use --home)");
        }
        pids.put("bench (load tool)", ProcessHandle.current().pid());
    }

    /** CPU milliseconds so far, per process name. */
    Map<String, Long> snapshot() {
        Map<String, Long> millis = new LinkedHashMap<>();
        pids.forEach((name, pid) -> millis.put(name, cpuMillis(pid)));
        return millis;
    }

    /** Prints each process's CPU between the snapshots, per {@code units} of work (named {@code unit}). */
    static void print(Map<String, Long> before, Map<String, Long> after, long units, String unit) {
        System.out.printf("  %-26s %10s %14s%n", "CPU per process", "CPU ms", "CPU ms/" + unit);
        long total = 0;
        for (Map.Entry<String, Long> process : after.entrySet()) {
            long used = process.getValue() - before.getOrDefault(process.getKey(), process.getValue());
            total += used;
            System.out.printf("  %-26s %10d %14.3f%n", process.getKey(), used, perUnit(used, units));
        }
        System.out.printf("  %-26s %10d %14.3f   (%d %ss)%n", "total", total, perUnit(total, units), units, unit);
    }

    private static double perUnit(long millis, long units) {
        return units == 0 ? Double.NaN : (double) millis / units;
    }

    /** utime + stime of the process and all its descendants (a launcher script's children count). */
    private static long cpuMillis(long pid) {
        long ticks = ticks(pid);
        ticks += ProcessHandle.of(pid)
                .map(p -> p.descendants().mapToLong(d -> ticks(d.pid())).sum())
                .orElse(0L);
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // The command name may hold spaces and parentheses: fields are counted after its last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            return 0; // gone: it used nothing more that we can see
        }
    }

    private static Optional<Long> pid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()))
                    .filter(pid -> ProcessHandle.of(pid).isPresent());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String name(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".pid".length());
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
