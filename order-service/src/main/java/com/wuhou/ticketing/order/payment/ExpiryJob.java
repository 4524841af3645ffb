package com.wuhou.ticketing.order.payment;

import com.wuhou.ticketing.order.OrderProperties;
import com.wuhou.ticketing.order.orders.OrderDO;
import com.wuhou.ticketing.order.orders.OrderRecords;
import com.wuhou.ticketing.order.orders.OrderStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires unpaid orders past their deadline (after asking the provider, see {@link Settlement}) and
 * asks the provider again to pay back whole payments decided to be refunded (ticket refunds are asked
 * again by {@code refund.Refunds} on the same interval). Safe on several instances at once: each
 * change is conditional on the state it starts from. An order whose expiry fails is tried again
 * after a pause that doubles each time (up to {@code expiry-backoff-max}), so orders that keep
 * failing never hold up the others; they are counted in {@code order_expiry_stuck}.
 */
@Component
class ExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);
    private static final int BATCH = 100;
    /** From this many failures on, an order is logged as an error: it needs someone to look. */
    private static final int ALERT_AFTER = 3;

    private final OrderRecords orders;
    private final Settlement settlement;
    private final Clock clock;
    private final Duration firstPause;
    private final Duration longestPause;
    private final Counter failures;
    private final AtomicLong stuck = new AtomicLong();

    ExpiryJob(
            OrderRecords orders, Settlement settlement, Clock clock, OrderProperties properties, MeterRegistry meters) {
        this.orders = orders;
        this.settlement = settlement;
        this.clock = clock;
        this.firstPause = properties.expiryInterval();
        this.longestPause = properties.expiryBackoffMax();
        this.failures = Counter.builder("order.expiry.failures")
                .description("Attempts to expire an unpaid order past its deadline that failed")
                .register(meters);
        Gauge.builder("order.expiry.stuck", stuck, AtomicLong::get)
                .description("Unpaid orders past their deadline whose expiry failed and waits to be tried again")
                .register(meters);
    }

    @Scheduled(
            initialDelayString = "${ticketing.order.expiry-interval:5s}",
            fixedDelayString = "${ticketing.order.expiry-interval:5s}")
    void run() {
        expireDue();
        settlement.retryRefunding();
    }

    /** Returns how many orders were looked at. */
    int expireDue() {
        LocalDateTime now = LocalDateTime.now(clock);
        // Orders not tried yet, oldest deadline first, then failed ones whose pause is over.
        List<OrderDO> due = new ArrayList<>(orders.dueForExpiry(now, BATCH));
        due.addAll(orders.dueForExpiryAgain(now, BATCH));
        for (OrderDO order : due) {
            expire(order, now);
        }
        stuck.set(orders.expiryStuck());
        return due.size();
    }

    private void expire(OrderDO order, LocalDateTime now) {
        try {
            OrderStatus status = settlement.closeUnpaid(order.orderNo, OrderStatus.EXPIRED);
            log.info("Order {} past its deadline is now {}", order.orderNo, status);
        } catch (RuntimeException e) {
            failures.increment();
            int attempts = (order.expiryAttempts == null ? 0 : order.expiryAttempts) + 1;
            Duration pause = pause(attempts);
            orders.expiryFailed(order.orderNo, attempts, now.plus(pause));
            if (attempts >= ALERT_AFTER) {
                log.error(
                        "Order {} past its deadline still cannot be expired after {} attempts; next try in {}: {}",
                        order.orderNo,
                        attempts,
                        pause,
                        e.toString());
            } else {
                log.warn(
                        "Order {} past its deadline could not be expired (attempt {}); next try in {}: {}",
                        order.orderNo,
                        attempts,
                        pause,
                        e.toString());
            }
        }
    }

    /** The interval, doubled with each failure after the first, up to the longest pause. */
    private Duration pause(int attempts) {
        Duration pause = firstPause;
        for (int i = 1; i < attempts && pause.compareTo(longestPause) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(longestPause) > 0 ? longestPause : pause;
    }
}
