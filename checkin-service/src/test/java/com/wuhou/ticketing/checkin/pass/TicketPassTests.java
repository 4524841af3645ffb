package com.wuhou.ticketing.checkin.pass;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.order.api.OrderEvents;
import com.wuhou.ticketing.platform.outbox.StreamEvent;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;

/** Paid and refunded tickets reach checkin's read model from order-service's stream (real Redis and MySQL). */
@SpringBootTest(
        properties = {
            "ticketing.checkin.event-poll-interval=1h",
            // A stream of its own: other modules' tests leave order events in the shared Redis.
            "ticketing.checkin.order-events=" + TicketPassTests.STREAM
        })
@ActiveProfiles("test")
@RealInfrastructure
class TicketPassTests {

    static final String STREAM = "events:order-service-ticket-pass-tests";

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ObjectMapper json;

    @Autowired
    OrderEventFeed feed;

    @Autowired
    TicketPasses passes;

    @Test
    void shouldAdmitPaidTicketsAndMarkRefundedOnesEvenWhenTheRefundComesFirst() throws Exception {
        String orderNo = "WH"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase();
        OrderEvents.Ticket first = ticket(orderNo + "-1", "张*");
        OrderEvents.Ticket second = ticket(orderNo + "-2", "李**");
        // Out of order, as a redelivery may bring it: the refund of the second ticket before the payment.
        publish(
                OrderEvents.TICKETS_REFUNDED,
                orderNo,
                new OrderEvents.TicketsRefunded(orderNo, "RF1", 9, LocalDate.of(2027, 2, 10), 5000, List.of(second)));
        int beforePayment = feed.pollNow();
        String paidEvent = publish(
                OrderEvents.ORDER_PAID,
                orderNo,
                new OrderEvents.OrderPaid(
                        orderNo,
                        9,
                        LocalDate.of(2027, 2, 10),
                        LocalTime.of(9, 0),
                        LocalTime.of(11, 0),
                        "WEB",
                        10000,
                        List.of(first, second)));
        feed.pollNow();
        publishWithId(paidEvent, OrderEvents.ORDER_PAID, orderNo, "{}"); // the same event again: ignored
        feed.pollNow();

        assertThat(beforePayment).isZero();
        assertThat(passes.find(first.ticketId())).hasValueSatisfying(pass -> {
            assertThat(pass.status()).isEqualTo(TicketPass.VALID);
            assertThat(pass.visitDate()).isEqualTo(LocalDate.of(2027, 2, 10));
            assertThat(pass.startTime()).isEqualTo(LocalTime.of(9, 0));
            assertThat(pass.endTime()).isEqualTo(LocalTime.of(11, 0));
            assertThat(pass.visitorName()).isEqualTo("张*");
            assertThat(pass.idHash()).isEqualTo(first.idHash());
        });
        // The refund waited for its payment (claimed again on each poll) and then applied.
        assertThat(passes.find(second.ticketId()))
                .hasValueSatisfying(pass -> assertThat(pass.status()).isEqualTo(TicketPass.REFUNDED));
    }

    private static OrderEvents.Ticket ticket(String ticketId, String name) {
        return new OrderEvents.Ticket(
                ticketId, "ADULT", 5000, "a".repeat(63) + ticketId.charAt(ticketId.length() - 1), name, null, 1);
    }

    private String publish(String type, String orderNo, Object payload) throws Exception {
        return publishWithId(UUID.randomUUID().toString(), type, orderNo, json.writeValueAsString(payload));
    }

    private String publishWithId(String id, String type, String orderNo, String payload) {
        redis.opsForStream()
                .add(StreamRecords.newRecord()
                        .in(STREAM)
                        .ofMap(new StreamEvent(id, type, orderNo, Instant.parse("2026-11-28T08:00:00Z"), payload)
                                .fields()));
        return id;
    }
}
