package com.wuhou.ticketing.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A closed loop: {@code concurrency} threads call as fast as they are answered, for a fixed count of
 * calls or a fixed duration. Call {@code i} gets the index {@code i}, so each can be a new buyer.
 */
final class Load {

    private Load() {}

    /**
     * Runs {@code call} for 0..count-1, or, when {@code count} is 0, until {@code seconds} have passed; it
     * answers an outcome code (an HTTP status, or 1 for success, -1 is an exception).
     *
     * @param counted the outcome that is the unit of work
     */
    static Result run(
            String name, int count, int seconds, int concurrency, int counted, int interval, IntUnaryOperator call) {
        AtomicInteger next = new AtomicInteger();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[concurrency];
        try (Samples samples = new Samples(name, Integer.toString(counted), interval)) {
            for (int w = 0; w < concurrency; w++) {
                workers[w] = new Thread(() -> {
                    for (int i = next.getAndIncrement();
                            count > 0 ? i < count : System.nanoTime() < deadline;
                            i = next.getAndIncrement()) {
                        long t = System.nanoTime();
                        int outcome;
                        try {
                            outcome = call.applyAsInt(i);
                        } catch (RuntimeException e) {
                            outcome = -1;
                        }
                        samples.add(System.nanoTime() - t, outcome == -1 ? "error" : Integer.toString(outcome));
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
            return samples.result(samples.elapsedNanos());
        }
    }
}
