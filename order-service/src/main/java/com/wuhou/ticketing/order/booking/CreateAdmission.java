package com.wuhou.ticketing.order.booking;

import com.wuhou.ticketing.order.OrderProperties;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The admission limit of order creation on this instance: at most {@code createConcurrency} at once,
 * up to four times as many wait their turn in arrival order for up to {@code createQueueWait}, and the rest
 * (or a waiter whose turn did not come) are told {@code 429 BUSY} with {@code Retry-After}. Without it a rush puts hundreds of creations in flight:
 * they queue for database connections, the coordinator and inventory, whose calls then time out, and
 * buyers get {@code 503}s for a service that was only slow.
 */
@Component
class CreateAdmission {

    /** Seconds a buyer told {@code BUSY} should wait before asking again. */
    static final String RETRY_AFTER_SECONDS = "1";

    /**
     * Waiting creations per turn before the next is refused at once: each waits on a servlet thread,
     * and payments, notices and reads need threads too.
     */
    static final int WAITING_PER_TURN = 4;

    private final Semaphore turns;
    private final Duration wait;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();

    @Autowired
    CreateAdmission(OrderProperties properties) {
        this(properties.createConcurrency(), properties.createQueueWait());
    }

    CreateAdmission(int concurrency, Duration wait) {
        this.turns = new Semaphore(concurrency, true);
        this.wait = wait;
        this.maxWaiting = concurrency * WAITING_PER_TURN;
    }

    /** Runs {@code creation} in its turn, or throws {@code BUSY} when the turn did not come in time. */
    <T> T run(Supplier<T> creation) {
        boolean admitted = turns.tryAcquire();
        if (!admitted && waiting.incrementAndGet() <= maxWaiting) {
            try {
                admitted = turns.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting.decrementAndGet();
            }
        } else if (!admitted) {
            waiting.decrementAndGet();
        }
        if (!admitted) {
            throw new ApiException(
                    CommonErrorCode.BUSY, "Many orders are being made right now; please try again in a second");
        }
        try {
            return creation.get();
        } finally {
            turns.release();
        }
    }
}
