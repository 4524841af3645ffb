package com.wuhou.ticketing.checkin.pass;

import com.wuhou.ticketing.checkin.CheckinProperties;
import com.wuhou.ticketing.platform.outbox.EventConsumer;
import java.time.Clock;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@link TicketPasses} up to date from {@code events:order-service}, in the consumer group
 * {@code checkin-service} (every instance shares the work; one that dies leaves its pending events to
 * the others after {@code ticketing.checkin.claim-after}).
 */
@Component
class OrderEventFeed {

    private final EventConsumer consumer;

    OrderEventFeed(
            StringRedisTemplate redis,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            TicketPasses passes,
            CheckinProperties properties,
            Clock clock) {
        this.consumer = new EventConsumer(
                redis,
                jdbc,
                transactions,
                properties.orderEvents(),
                "checkin-service",
                "checkin-" + UUID.randomUUID(),
                passes,
                properties.eventPollBlock(),
                properties.claimAfter(),
                clock);
    }

    @Scheduled(fixedDelayString = "${ticketing.checkin.event-poll-interval:200ms}")
    void poll() {
        consumer.poll();
    }

    /** For tests: applies what is waiting now. */
    int pollNow() {
        return consumer.poll();
    }
}
