package com.wuhou.ticketing.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/** {@code total} calls from {@code concurrency} threads, as fast as they answer; latencies per call. */
final class Load {

    private final String name;
    private final long[] nanos;
    private final Map<Integer, Integer> outcomes = new ConcurrentHashMap<>();
    private long wallNanos;

    private Load(String name, int total) {
        this.name = name;
        this.nanos = new long[total];
    }

    /** Runs {@code call} for 0..total-1; it answers an outcome code (an HTTP status, or 1 for success). */
    static Load run(String name, int total, int concurrency, IntUnaryOperator call) {
        Load load = new Load(name, total);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Thread[] workers = new Thread[concurrency];
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers[w] = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long t = System.nanoTime();
                    int outcome;
                    try {
                        outcome = call.applyAsInt(i);
                    } catch (RuntimeException e) {
                        outcome = -1;
                    }
                    load.nanos[i] = System.nanoTime() - t;
                    load.outcomes.merge(outcome, 1, Integer::sum);
                    int finished = done.incrementAndGet();
                    if (finished % Math.max(1, total / 10) == 0) {
                        System.out.printf("  %s: %d/%d%n", name, finished, total);
                    }
                }
            });
            workers[w].start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        load.wallNanos = System.nanoTime() - start;
        return load;
    }

    int count(int outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    Result result(int counted) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double seconds = wallNanos / 1e9;
        Map<String, Integer> named = new TreeMap<>();
        outcomes.forEach((k, v) -> named.put(k == -1 ? "error" : Integer.toString(k), v));
        return new Result(
                name,
                sorted.length,
                seconds,
                count(counted) / seconds,
                sorted.length / seconds,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6,
                named);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
