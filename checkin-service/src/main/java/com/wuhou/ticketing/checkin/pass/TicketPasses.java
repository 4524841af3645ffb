package com.wuhou.ticketing.checkin.pass;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.order.api.OrderEvents;
import com.wuhou.ticketing.platform.outbox.EventHandler;
import com.wuhou.ticketing.platform.outbox.StreamEvent;
import java.sql.Date;
import java.sql.Time;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The read model of paid tickets, kept from order-service's events: {@code OrderPaid} adds its
 * tickets as valid, {@code TicketsRefunded} marks them refunded. A refund that arrives before its
 * payment (a redelivery out of order) fails and is applied once the payment is.
 */
@Component
public class TicketPasses implements EventHandler {

    private static final String SELECT = "SELECT ticket_id, order_no, session_id, visit_date, start_time, end_time,"
            + " ticket_type, entries, id_hash, day_hash, visitor_name, status FROM ticket_pass";

    private static final RowMapper<TicketPass> ROW = (rs, row) -> new TicketPass(
            rs.getString("ticket_id"),
            rs.getString("order_no"),
            rs.getLong("session_id"),
            rs.getDate("visit_date").toLocalDate(),
            rs.getTime("start_time").toLocalTime(),
            rs.getTime("end_time").toLocalTime(),
            rs.getString("ticket_type"),
            rs.getInt("entries"),
            rs.getString("id_hash"),
            rs.getString("day_hash"),
            rs.getString("visitor_name"),
            rs.getString("status"));

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    TicketPasses(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void handle(StreamEvent event) {
        switch (event.type()) {
            case OrderEvents.ORDER_PAID -> paid(read(event, OrderEvents.OrderPaid.class));
            case OrderEvents.TICKETS_REFUNDED -> refunded(read(event, OrderEvents.TicketsRefunded.class));
            default -> {
                // Unpaid orders never reached gates; other events change nothing here.
            }
        }
    }

    public Optional<TicketPass> find(String ticketId) {
        return jdbc.query(SELECT + " WHERE ticket_id = ?", ROW, ticketId).stream()
                .findFirst();
    }

    /** The tickets of one visitor's document (by its keyed hash) for one day, earliest slot first. */
    public List<TicketPass> ofVisitor(String idHash, LocalDate date) {
        return jdbc.query(
                SELECT + " WHERE visit_date = ? AND id_hash = ? ORDER BY start_time", ROW, Date.valueOf(date), idHash);
    }

    /**
     * A day's tickets for an offline package: all valid ones, or (with {@code changedSince}) every
     * ticket of that day changed or admitted since then, refunded ones included.
     */
    public List<TicketPass> ofDay(LocalDate date, LocalDateTime changedSince) {
        return changedSince == null
                ? jdbc.query(
                        SELECT + " WHERE visit_date = ? AND status = ? ORDER BY ticket_id",
                        ROW,
                        Date.valueOf(date),
                        TicketPass.VALID)
                : jdbc.query(
                        SELECT + " p WHERE visit_date = ? AND (updated_at >= ? OR EXISTS (SELECT 1 FROM redemption r"
                                + " WHERE r.ticket_id = p.ticket_id AND r.visit_date = p.visit_date"
                                + " AND r.recorded_at >= ?)) ORDER BY ticket_id",
                        ROW,
                        Date.valueOf(date),
                        changedSince,
                        changedSince);
    }

    /** Adds a payment's tickets as valid; a ticket already known (refunded meanwhile, or paid again) keeps its state. */
    void paid(OrderEvents.OrderPaid paid) {
        for (OrderEvents.Ticket ticket : paid.tickets()) {
            // INSERT IGNORE: a ticket already known (refunded meanwhile, or this event again) keeps its state.
            jdbc.update(
                    "INSERT IGNORE INTO ticket_pass (ticket_id, order_no, session_id, visit_date, start_time, end_time,"
                            + " ticket_type, entries, id_hash, day_hash, visitor_name, status, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ticket.ticketId(),
                    paid.orderNo(),
                    paid.sessionId(),
                    Date.valueOf(paid.visitDate()),
                    Time.valueOf(paid.startTime()),
                    Time.valueOf(paid.endTime()),
                    ticket.ticketType(),
                    // Events from before the rule existed carry no count: one entry, as then.
                    Math.max(1, ticket.entries()),
                    ticket.idHash(),
                    ticket.dayHash(),
                    ticket.visitorName() == null ? "*" : ticket.visitorName(),
                    TicketPass.VALID,
                    now());
        }
    }

    private void refunded(OrderEvents.TicketsRefunded refund) {
        List<String> ids =
                refund.tickets().stream().map(OrderEvents.Ticket::ticketId).toList();
        for (String id : ids) {
            // A refund voided at the gates already is refunded now: nothing to change.
            int changed = jdbc.update(
                    "UPDATE ticket_pass SET status = ?, refund_id = ?, updated_at = ? WHERE ticket_id = ?"
                            + " AND (status <> ? OR refund_id IS NULL OR refund_id <> ?)",
                    TicketPass.REFUNDED,
                    refund.refundId(),
                    now(),
                    id,
                    TicketPass.REFUNDED,
                    refund.refundId());
            if (changed == 0 && find(id).isPresent()) {
                continue;
            }
            if (changed == 0) {
                throw new IllegalStateException("Refund of ticket " + id + " arrived before its payment");
            }
        }
    }

    private <T> T read(StreamEvent event, Class<T> type) {
        try {
            return json.readValue(event.payload(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + event.eventId() + " is not a " + type.getSimpleName(), e);
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
