package com.wuhou.ticketing.order.orders;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.checkin.api.CheckinEvents;
import com.wuhou.ticketing.platform.outbox.EventHandler;
import com.wuhou.ticketing.platform.outbox.StreamEvent;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Marks tickets used as gates admit them ({@code TicketRedeemed} from checkin-service): the ticket
 * becomes {@code USED}, and its order {@code PARTIALLY_USED}, or {@code USED} once no ticket of it is
 * left valid. A used ticket can no longer be refunded. Later entries of a multi-entry ticket change
 * nothing here.
 *
 * <p>Its rows are the ones refunds change inside Seata global transactions (AT: committed locally at
 * once, undone by Seata on a rollback). It reads them with locking reads under Seata's global lock
 * ({@link CheckinEventFeed} binds it), which refuse a row a global transaction in flight holds: writing over a refund's branch that
 * then rolled back would either leave an entered ticket VALID again (undone after the write) or make
 * Seata's undo fail as dirty, holding the order's locks for good. A row held by a global transaction
 * fails the event at once; it is delivered again after {@code ticketing.order.claim-after}.
 */
@Component
class TicketUse implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(TicketUse.class);

    /** Orders whose state follows their tickets' use; a closed or fully refunded order does not. */
    private static final Set<OrderStatus> IN_USE =
            Set.of(OrderStatus.PAID, OrderStatus.PARTIALLY_USED, OrderStatus.PARTIALLY_REFUNDED);

    private final TicketMapper tickets;
    private final OrderMapper orders;
    private final ObjectMapper json;
    private final Clock clock;

    TicketUse(TicketMapper tickets, OrderMapper orders, ObjectMapper json, Clock clock) {
        this.tickets = tickets;
        this.orders = orders;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void handle(StreamEvent event) {
        if (!CheckinEvents.TICKET_REDEEMED.equals(event.type())) {
            return;
        }
        CheckinEvents.TicketRedeemed redeemed = read(event);
        markUsed(redeemed);
    }

    private void markUsed(CheckinEvents.TicketRedeemed redeemed) {
        TicketDO ticket = tickets.selectOne(new QueryWrapper<TicketDO>()
                .eq("ticket_id", redeemed.ticketId())
                .last("FOR UPDATE"));
        if (ticket == null) {
            // Gates admit only tickets this service sold, so retrying would never help: say so, and go on.
            log.error("Ticket {} was admitted at gate {} but is not known here", redeemed.ticketId(), redeemed.gate());
            return;
        }
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
        int changed = tickets.update(
                null,
                TicketStatus.MOVES
                        .<TicketDO>move(List.of(TicketStatus.VALID), TicketStatus.USED, now)
                        .eq("ticket_id", ticket.ticketId));
        if (changed == 0) {
            if (ticket.status == TicketStatus.REFUNDED) {
                // The refund and the gate crossed: the visitor is in and the money returned. Operators see it here.
                log.warn(
                        "Ticket {} was admitted at gate {} ({}) although it had been refunded",
                        ticket.ticketId,
                        redeemed.gate(),
                        redeemed.offline() ? "offline" : "online");
            }
            return;
        }
        // The order row locked, and its tickets counted as committed now (not as this transaction first
        // saw them): two instances marking two tickets of one order at once must not both leave it
        // PARTIALLY_USED.
        OrderDO order = orders.selectOne(
                new QueryWrapper<OrderDO>().eq("order_no", ticket.orderNo).last("FOR UPDATE"));
        if (!IN_USE.contains(order.status)) {
            return;
        }
        boolean anyValid = tickets.selectCount(new QueryWrapper<TicketDO>()
                        .eq("order_no", order.orderNo)
                        .eq("status", TicketStatus.VALID)
                        .last("FOR UPDATE"))
                > 0;
        OrderStatus status = !anyValid
                ? OrderStatus.USED
                : order.status == OrderStatus.PAID ? OrderStatus.PARTIALLY_USED : order.status;
        if (status != order.status) {
            orders.update(
                    null,
                    OrderStatus.MOVES
                            .<OrderDO>move(List.of(order.status), status, now)
                            .eq("order_no", order.orderNo));
        }
    }

    private CheckinEvents.TicketRedeemed read(StreamEvent event) {
        try {
            return json.readValue(event.payload(), CheckinEvents.TicketRedeemed.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + event.eventId() + " is not a TicketRedeemed", e);
        }
    }
}
