package com.wuhou.ticketing.order.orders;

import com.wuhou.ticketing.inventory.api.Hold;
import com.wuhou.ticketing.order.FaultInjection;
import com.wuhou.ticketing.order.OrderProperties;
import com.wuhou.ticketing.order.api.IdDocument;
import com.wuhou.ticketing.order.inventory.Inventory;
import com.wuhou.ticketing.order.inventory.InventoryRefusal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a new order's places, then writes the order: a reservation with an expiry, not a global
 * transaction (ADR 0012). Inventory holds the places until the pay deadline plus {@code hold-grace};
 * this side then writes the order and its tickets in one local transaction. The failure cases:
 * inventory refuses (nothing was taken, the buyer is told); the hold's answer is lost or the write
 * fails (the hold is abandoned at once, best effort); this process dies in between (a retry with the
 * same {@code Idempotency-Key} takes the same hold again, which answers the places already held, and
 * writes the order; without a retry the hold expires by itself). An order row therefore never exists
 * without its places being held or sold, except when inventory gave them back at the hold's expiry
 * first, which a payment then handles like a late one ({@link Settlement}).
 */
@Component
class Booking {

    private final Inventory inventory;
    private final OrderMapper orders;
    private final TicketMapper tickets;
    private final FaultInjection faults;
    private final TransactionTemplate local;
    private final VisitorKeys visitorKeys;
    private final Duration holdGrace;
    private final Clock clock;

    Booking(
            Inventory inventory,
            OrderMapper orders,
            TicketMapper tickets,
            FaultInjection faults,
            TransactionTemplate local,
            VisitorKeys visitorKeys,
            OrderProperties properties,
            Clock clock) {
        this.inventory = inventory;
        this.orders = orders;
        this.tickets = tickets;
        this.faults = faults;
        this.local = local;
        this.visitorKeys = visitorKeys;
        this.holdGrace = properties.holdGrace();
        this.clock = clock;
    }

    /**
     * Holds the places, then writes the order and its tickets at the prices inventory answered. Returns
     * normally once the order is written (also when the write answered with an error but its commit
     * went through); throws, with the hold given back, otherwise.
     */
    void create(OrderDO order, List<TicketDO> rows) {
        Hold hold;
        try {
            hold = inventory.hold(Hold.request(
                    order.holdRef,
                    order.sessionId,
                    rows.stream().map(t -> Hold.Unit.of(t.ticketType, t.idHash)).toList(),
                    order.payDeadline.toInstant(ZoneOffset.UTC).plus(holdGrace)));
        } catch (InventoryRefusal e) {
            throw e; // nothing was taken
        } catch (RuntimeException e) {
            // Unknown outcome: inventory may have admitted the places, or still be writing them.
            inventory.abandon(order.holdRef, order.sessionId);
            throw e;
        }
        try {
            faults.at(FaultInjection.AFTER_HOLD);
            write(order, rows, hold);
        } catch (RuntimeException e) {
            if (orders.selectById(order.orderNo) != null) {
                return; // the commit answered late or oddly, but the order is there
            }
            inventory.abandon(order.holdRef, order.sessionId);
            throw e;
        }
    }

    private void write(OrderDO order, List<TicketDO> rows, Hold hold) {
        Map<String, Hold.Unit> units =
                hold.units().stream().collect(Collectors.toMap(Hold.Unit::idHash, Function.identity()));
        LocalDateTime now = LocalDateTime.now(clock);
        long total = 0;
        byte[] dayKey = IdDocument.dayKey(visitorKeys.key(), hold.slot().date());
        for (TicketDO row : rows) {
            Hold.Unit unit = units.get(row.idHash);
            row.priceFen = unit.priceFen().longValue();
            row.dayHash = row.document.hash(dayKey);
            row.entries = unit.entriesPerDay() == null ? 1 : unit.entriesPerDay();
            row.status = OrderStatus.TICKET_UNPAID;
            row.createdAt = now;
            row.updatedAt = now;
            total += row.priceFen;
        }
        order.visitDate = hold.slot().date();
        order.startTime = hold.slot().startTime();
        order.endTime = hold.slot().endTime();
        order.totalFen = total;
        order.status = OrderStatus.PENDING_PAYMENT;
        order.createdAt = now;
        order.updatedAt = now;
        faults.at(FaultInjection.AFTER_HOLD_CRASH);
        local.executeWithoutResult(tx -> {
            orders.insert(order);
            rows.forEach(tickets::insert);
        });
    }
}
