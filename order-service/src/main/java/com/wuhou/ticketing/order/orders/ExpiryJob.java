package com.wuhou.ticketing.order.orders;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.conditions.update.UpdateWrapper;
import com.wuhou.ticketing.order.OrderProperties;
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
 * asks again for refunds the provider has not confirmed. Safe on several instances at once: each
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

    private final OrderMapper orders;
    private final Settlement settlement;
    private final Refunds refunds;
    private final Clock clock;
    private final Duration firstPause;
    private final Duration longestPause;
    private final Counter failures;
    private final AtomicLong stuck = new AtomicLong();

    ExpiryJob(
            OrderMapper orders,
            Settlement settlement,
            Refunds refunds,
            Clock clock,
            OrderProperties properties,
            MeterRegistry meters) {
        this.orders = orders;
        this.settlement = settlement;
        this.refunds = refunds;
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
        refunds.retryPending();
        settlement.retryRefunding();
    }

    /** Returns how many orders were looked at. */
    int expireDue() {
        LocalDateTime now = LocalDateTime.now(clock);
        // Orders not tried yet, oldest deadline first, then failed ones whose pause is over.
        List<OrderDO> due = new ArrayList<>(orders.selectList(new QueryWrapper<OrderDO>()
                .select("order_no", "expiry_attempts")
                .eq("status", OrderStatus.PENDING_PAYMENT)
                .isNull("expiry_retry_at")
                .lt("pay_deadline", now)
                .orderByAsc("pay_deadline")
                .last("LIMIT " + BATCH)));
        due.addAll(orders.selectList(new QueryWrapper<OrderDO>()
                .select("order_no", "expiry_attempts")
                .eq("status", OrderStatus.PENDING_PAYMENT)
                .le("expiry_retry_at", now)
                .orderByAsc("expiry_retry_at")
                .last("LIMIT " + BATCH)));
        for (OrderDO order : due) {
            expire(order, now);
        }
        stuck.set(orders.selectCount(new QueryWrapper<OrderDO>()
                .eq("status", OrderStatus.PENDING_PAYMENT)
                .isNotNull("expiry_retry_at")));
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
            orders.update(
                    null,
                    new UpdateWrapper<OrderDO>()
                            .eq("order_no", order.orderNo)
                            .eq("status", OrderStatus.PENDING_PAYMENT)
                            .set("expiry_attempts", attempts)
                            .set("expiry_retry_at", now.plus(pause)));
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
