package com.wuhou.ticketing.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Latencies and outcomes of one phase in the order they complete, printed as a curve while it runs
 * (throughput and p99 per interval): a warm-up is shown, not hidden, and so is a phase that slows down.
 */
final class Samples implements AutoCloseable {

    private final String name;
    private final String counted;
    private final long start = System.nanoTime();
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final ScheduledExecutorService curve;
    private long[] nanos = new long[4096];
    private int size;
    private int mark;
    private int markCounted;
    private int countedSoFar;
    private long markNanos = start;

    /**
     * @param counted the outcome that is the unit of work (for example {@code "201"})
     * @param intervalSeconds seconds per line of the curve
     */
    Samples(String name, String counted, int intervalSeconds) {
        this.name = name;
        this.counted = counted;
        this.curve = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "curve");
            thread.setDaemon(true);
            return thread;
        });
        curve.scheduleAtFixedRate(this::printInterval, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    synchronized void add(long latencyNanos, String outcome) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
        outcomes.merge(outcome, 1, Integer::sum);
        if (counted.equals(outcome)) {
            countedSoFar++;
        }
    }

    /** Everything since the start, over {@code wallNanos} of wall time. */
    synchronized Result result(long wallNanos) {
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        return new Result(
                name,
                size,
                countedSoFar,
                wallNanos / 1e9,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                size == 0 ? 0 : sorted[size - 1] / 1e6,
                new TreeMap<>(outcomes));
    }

    long elapsedNanos() {
        return System.nanoTime() - start;
    }

    @Override
    public void close() {
        curve.shutdownNow();
    }

    private synchronized void printInterval() {
        long now = System.nanoTime();
        double seconds = (now - markNanos) / 1e9;
        long[] slice = Arrays.copyOfRange(nanos, mark, size);
        Arrays.sort(slice);
        System.out.printf(
                "  %s %4.0f s: %6.0f/s counted, %6.0f attempts/s, p50 %7.1f ms, p99 %7.1f ms%n",
                name,
                (now - start) / 1e9,
                (countedSoFar - markCounted) / seconds,
                slice.length / seconds,
                percentile(slice, 0.50),
                percentile(slice, 0.99));
        mark = size;
        markCounted = countedSoFar;
        markNanos = now;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
