package com.wuhou.ticketing.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Calls started at a fixed rate whatever the answers (an open loop, as gates are: visitors keep
 * arriving). Each latency is measured from when its call was due, not from when it could be started,
 * so a stalled server shows in the figures instead of slowing the load (no coordinated omission).
 */
final class OpenLoop {

    /** At most this many calls wait for their answers; beyond it the loop waits (and that shows). */
    private static final int MAX_IN_FLIGHT = 2_000;

    private OpenLoop() {}

    /**
     * Starts calls 0..total-1 at {@code perSecond}; each answers its outcome (an HTTP status, or the
     * gate's result).
     *
     * @param counted the outcome that is the unit of work
     */
    static Result run(
            String name,
            int total,
            int perSecond,
            String counted,
            int interval,
            IntFunction<CompletableFuture<String>> call) {
        AtomicIntegerArray answered = new AtomicIntegerArray(total);
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        CountDownLatch done = new CountDownLatch(total);
        long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
        try (Samples samples = new Samples(name, counted, interval)) {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                inFlight.acquireUninterruptibly();
                int index = i;
                CompletableFuture<String> answer;
                try {
                    answer = call.apply(i);
                } catch (RuntimeException e) {
                    answer = CompletableFuture.failedFuture(e);
                }
                answer.whenComplete((outcome, error) -> {
                    if (answered.compareAndSet(index, 0, 1)) {
                        samples.add(System.nanoTime() - due, error != null ? "error" : outcome);
                    }
                    inFlight.release();
                    done.countDown();
                });
            }
            if (!done.await(2, TimeUnit.MINUTES)) {
                // Still unanswered: count them as what they are, and at least this late.
                long now = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    if (answered.compareAndSet(i, 0, 1)) {
                        samples.add(now - (start + i * period), "unanswered");
                    }
                }
            }
            return samples.result(System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
