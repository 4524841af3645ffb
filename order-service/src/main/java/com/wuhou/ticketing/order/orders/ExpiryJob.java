package com.wuhou.ticketing.order.orders;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import java.time.Clock;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires unpaid orders past their deadline (after asking the provider, see {@link Settlement}) and
 * asks again for refunds the provider has not confirmed. Safe on several instances at once: each
 * change is conditional on the state it starts from.
 */
@Component
class ExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);

    private final OrderMapper orders;
    private final Settlement settlement;
    private final Refunds refunds;
    private final Clock clock;

    ExpiryJob(OrderMapper orders, Settlement settlement, Refunds refunds, Clock clock) {
        this.orders = orders;
        this.settlement = settlement;
        this.refunds = refunds;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${ticketing.order.expiry-interval:5s}",
            fixedDelayString = "${ticketing.order.expiry-interval:5s}")
    void run() {
        expireDue();
        refunds.retryPending();
    }

    /** Returns how many orders were looked at. */
    int expireDue() {
        var due = orders.selectList(new QueryWrapper<OrderDO>()
                .select("order_no")
                .eq("status", OrderStatus.PENDING_PAYMENT)
                .lt("pay_deadline", LocalDateTime.now(clock))
                .orderByAsc("pay_deadline")
                .last("LIMIT 100"));
        for (OrderDO order : due) {
            try {
                String status = settlement.closeUnpaid(order.orderNo, OrderStatus.EXPIRED);
                log.info("Order {} past its deadline is now {}", order.orderNo, status);
            } catch (RuntimeException e) {
                log.warn("Order {} could not be expired yet: {}", order.orderNo, e.toString());
            }
        }
        return due.size();
    }
}
