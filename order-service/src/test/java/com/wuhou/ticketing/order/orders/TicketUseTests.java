package com.wuhou.ticketing.order.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.checkin.api.CheckinEvents;
import com.wuhou.ticketing.platform.outbox.StreamEvent;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** Gates' redemptions reach orders (real MySQL and Redis): tickets become used, then their order. */
@SpringBootTest
@ActiveProfiles("test")
@RealInfrastructure
class TicketUseTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ObjectMapper json;

    @Autowired
    CheckinEventFeed feed;

    @Test
    void shouldMarkTicketsAndThenTheOrderUsedOnceEachAsGatesAdmitThem() throws Exception {
        String orderNo = paidOrder(3);
        jdbc.update("UPDATE order_ticket SET status = 'REFUNDED' WHERE ticket_id = ?", orderNo + "-3");
        jdbc.update("UPDATE ticket_order SET status = 'PARTIALLY_REFUNDED' WHERE order_no = ?", orderNo);

        String first = redeemed(orderNo + "-1", 1);
        feed.pollNow();
        String afterFirst = orderStatus(orderNo);
        publish(first, orderNo + "-1", 1); // the same event delivered again
        redeemed(orderNo + "-1", 2); // a second entry of a multi-entry ticket
        redeemed(orderNo + "-2", 1);
        redeemed(orderNo + "-3", 1); // admitted although refunded: stays refunded
        feed.pollNow();

        assertThat(afterFirst).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(ticketStatus(orderNo + "-1")).isEqualTo("USED");
        assertThat(ticketStatus(orderNo + "-2")).isEqualTo("USED");
        assertThat(ticketStatus(orderNo + "-3")).isEqualTo("REFUNDED");
        assertThat(orderStatus(orderNo)).isEqualTo("USED");
    }

    @Test
    void shouldMarkAPaidOrderPartiallyUsedUntilItsLastTicketEnters() throws Exception {
        String orderNo = paidOrder(2);

        redeemed(orderNo + "-1", 1);
        feed.pollNow();
        String partly = orderStatus(orderNo);
        redeemed(orderNo + "-2", 1);
        feed.pollNow();

        assertThat(partly).isEqualTo("PARTIALLY_USED");
        assertThat(orderStatus(orderNo)).isEqualTo("USED");
    }

    private String paidOrder(int tickets) {
        String orderNo = "WHU"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        jdbc.update(
                "INSERT INTO ticket_order (order_no, channel, session_id, visit_date, start_time, end_time, contact_phone,"
                        + " status, total_fen, pay_deadline, token_hash, hold_ref, paid_at, created_at, updated_at)"
                        + " VALUES (?, 'WEB', 1, ?, '09:00', '11:00', '13800000000', 'PAID', 6000, NOW(3), ?, ?,"
                        + " NOW(3), NOW(3), NOW(3))",
                orderNo,
                LocalDate.now(),
                "0".repeat(64),
                orderNo);
        for (int i = 1; i <= tickets; i++) {
            jdbc.update(
                    "INSERT INTO order_ticket (ticket_id, order_no, ticket_type, price_fen, visitor_name, id_type,"
                            + " id_masked, id_hash, status, created_at, updated_at)"
                            + " VALUES (?, ?, 'ADULT', 2000, '张三', 'ID_CARD', '330***', ?, 'VALID', NOW(3), NOW(3))",
                    orderNo + "-" + i,
                    orderNo,
                    String.format("%064d", i));
        }
        return orderNo;
    }

    private String redeemed(String ticketId, int entry) throws Exception {
        return publish(UUID.randomUUID().toString(), ticketId, entry);
    }

    private String publish(String eventId, String ticketId, int entry) throws Exception {
        String orderNo = ticketId.substring(0, ticketId.lastIndexOf('-'));
        String payload = json.writeValueAsString(new CheckinEvents.TicketRedeemed(
                ticketId, orderNo, LocalDate.now(), entry, "NORTH-1", 7, Instant.now(), false));
        redis.opsForStream()
                .add(StreamRecords.newRecord()
                        .in(CheckinEvents.STREAM)
                        .ofMap(new StreamEvent(eventId, CheckinEvents.TICKET_REDEEMED, ticketId, Instant.now(), payload)
                                .fields()));
        return eventId;
    }

    private String ticketStatus(String ticketId) {
        return jdbc.queryForObject("SELECT status FROM order_ticket WHERE ticket_id = ?", String.class, ticketId);
    }

    private String orderStatus(String orderNo) {
        return jdbc.queryForObject("SELECT status FROM ticket_order WHERE order_no = ?", String.class, orderNo);
    }
}
