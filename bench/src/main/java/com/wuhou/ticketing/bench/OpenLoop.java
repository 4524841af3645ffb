package com.wuhou.ticketing.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Requests sent at a fixed rate whatever the answers (an open loop, as gates are: visitors keep
 * arriving). Each latency is measured from when its request was due, not from when it could be sent,
 * so a stalled server shows in the figures instead of slowing the load (no coordinated omission).
 */
final class OpenLoop {

    /** At most this many requests wait for their answers; beyond it the loop waits (and that shows). */
    private static final int MAX_IN_FLIGHT = 2_000;

    private OpenLoop() {}

    /**
     * Sends {@code requests} at {@code perSecond}; {@code outcome} names each answer (an HTTP status, or
     * the gate's result).
     */
    static Result run(
            String name,
            HttpClient http,
            List<HttpRequest> requests,
            int perSecond,
            Function<HttpResponse<String>, String> outcome) {
        int total = requests.size();
        long[] nanos = new long[total];
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        CountDownLatch done = new CountDownLatch(total);
        long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquireUninterruptibly();
            int index = i;
            http.sendAsync(requests.get(i), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .whenComplete((response, error) -> {
                        nanos[index] = System.nanoTime() - due;
                        String named = error != null ? "error" : outcome.apply(response);
                        outcomes.merge(named, 1, Integer::sum);
                        inFlight.release();
                        done.countDown();
                    });
            if ((i + 1) % perSecond == 0) {
                System.out.printf("  %s: %d/%d sent%n", name, i + 1, total);
            }
        }
        try {
            if (!done.await(2, TimeUnit.MINUTES)) {
                // Still unanswered: count them as what they are, and at least this late.
                long now = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    if (nanos[i] == 0) {
                        nanos[i] = now - (start + i * period);
                        outcomes.merge("unanswered", 1, Integer::sum);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Result(
                name,
                total,
                seconds,
                outcomes.getOrDefault("ACCEPTED", 0) / seconds,
                total / seconds,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted[total - 1] / 1e6,
                new TreeMap<>(outcomes));
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
