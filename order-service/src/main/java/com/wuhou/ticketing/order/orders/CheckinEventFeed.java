package com.wuhou.ticketing.order.orders;

import com.wuhou.ticketing.checkin.api.CheckinEvents;
import com.wuhou.ticketing.order.OrderProperties;
import com.wuhou.ticketing.platform.outbox.EventConsumer;
import java.time.Clock;
import java.util.UUID;
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
        consumer.poll();
    }

    /** For tests: applies what is waiting now. */
    int pollNow() {
        return consumer.poll();
    }
}
