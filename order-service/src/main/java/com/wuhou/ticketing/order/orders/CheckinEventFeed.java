package com.wuhou.ticketing.order.orders;

import com.wuhou.ticketing.checkin.api.CheckinEvents;
import com.wuhou.ticketing.order.OrderProperties;
import com.wuhou.ticketing.platform.outbox.EventConsumer;
import java.time.Clock;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.apache.seata.core.context.GlobalLockConfigHolder;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.core.model.GlobalLockConfig;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads {@code events:checkin-service} in the consumer group {@code order-service}, so tickets are
 * marked used as gates admit them ({@link TicketUse}).
 */
@Component
class CheckinEventFeed {

    private final EventConsumer consumer;

    CheckinEventFeed(
            StringRedisTemplate redis,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            TicketUse handler,
            OrderProperties properties,
            Clock clock) {
        this.consumer = new EventConsumer(
                redis,
                jdbc,
                transactions,
                CheckinEvents.STREAM,
                "order-service",
                "order-" + UUID.randomUUID(),
                handler,
                properties.eventPollBlock(),
                properties.claimAfter(),
                clock);
    }

    @Scheduled(
            fixedDelayString = "${ticketing.order.event-poll-interval:200ms}",
            initialDelayString = "${ticketing.order.event-poll-interval:200ms}")
    void poll() {
        pollNow();
    }

    /** Applies what is waiting now (also for tests). */
    int pollNow() {
        return underGlobalLock(consumer::poll);
    }

    /**
     * Runs the consumer with Seata's global-lock check (what {@code @GlobalLock} does), bound before
     * any transaction begins: Seata hands out a checking connection only to a transaction that starts
     * under it. A locking read of a row a global transaction holds then fails after two short retries
     * (the event is delivered again later), and a commit checks the rows it wrote. Failing fast matters:
     * while it retries it keeps the row's MySQL lock, which the other transaction's rollback needs.
     */
    private static int underGlobalLock(IntSupplier work) {
        GlobalLockConfig config = new GlobalLockConfig();
        config.setLockRetryInterval(100);
        config.setLockRetryTimes(2);
        boolean bound = !RootContext.requireGlobalLock();
        if (bound) {
            RootContext.bindGlobalLockFlag();
        }
        GlobalLockConfig previous = GlobalLockConfigHolder.setAndReturnPrevious(config);
        try {
            return work.getAsInt();
        } finally {
            if (bound) {
                RootContext.unbindGlobalLockFlag();
            }
            if (previous != null) {
                GlobalLockConfigHolder.setAndReturnPrevious(previous);
            } else {
                GlobalLockConfigHolder.remove();
            }
        }
    }
}
