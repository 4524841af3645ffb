package com.wuhou.ticketing.order.orders;

import com.wuhou.ticketing.order.OrderProperties;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The admission limit of order creation on this instance: at most {@code createConcurrency} at once,
 * the rest wait their turn in arrival order for up to {@code createQueueWait}, then are told
 * {@code 429 BUSY} with {@code Retry-After}. Without it a rush puts hundreds of creations in flight:
 * they queue for database connections, the coordinator and inventory, whose calls then time out, and
 * buyers get {@code 503}s for a service that was only slow.
 */
@Component
class CreateAdmission {

    /** Seconds a buyer told {@code BUSY} should wait before asking again. */
    static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore turns;
    private final Duration wait;

    @Autowired
    CreateAdmission(OrderProperties properties) {
        this(properties.createConcurrency(), properties.createQueueWait());
    }

    CreateAdmission(int concurrency, Duration wait) {
        this.turns = new Semaphore(concurrency, true);
        this.wait = wait;
    }

    /** Runs {@code creation} in its turn, or throws {@code BUSY} when the turn did not come in time. */
    <T> T run(Supplier<T> creation) {
        boolean admitted;
        try {
            admitted = turns.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
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
