package com.wuhou.ticketing.order.orders;

import com.wuhou.ticketing.inventory.api.Hold;
import com.wuhou.ticketing.order.FaultInjection;
import com.wuhou.ticketing.order.OrderErrorCode;
import com.wuhou.ticketing.order.OrderProperties;
import com.wuhou.ticketing.order.api.IdDocument;
import com.wuhou.ticketing.order.inventory.Inventory;
import com.wuhou.ticketing.order.inventory.InventoryRefusal;
import com.wuhou.ticketing.platform.problem.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * inventory refuses (nothing was taken, the buyer is told); the hold's answer is lost (asked once
 * more; then the buyer is told 503 and the hold is left to a retry or its expiry); the write fails
 * (the hold is abandoned at once, best effort); this process dies in between (a retry with the same
 * {@code Idempotency-Key} takes the same hold again, which answers the places already held, and writes
 * the order; without a retry the hold expires by itself). An order row therefore never exists
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
     * went through); throws otherwise.
     */
    void create(OrderDO order, List<TicketDO> rows) {
        Hold hold = hold(Hold.request(
                order.holdRef,
                order.sessionId,
                rows.stream().map(t -> Hold.Unit.of(t.ticketType, t.idHash)).toList(),
                order.payDeadline.toInstant(ZoneOffset.UTC).plus(holdGrace)));
        try {
            faults.at(FaultInjection.AFTER_HOLD);
            keepDeadlineInsideHold(order, hold);
            write(order, rows, hold);
        } catch (RuntimeException e) {
            boolean made;
            try {
                made = orders.selectById(order.orderNo) != null;
            } catch (RuntimeException lookup) {
                // Not known whether the order was written: leave the hold to a retry or its expiry.
                e.addSuppressed(lookup);
                throw e;
            }
            if (made) {
                return; // the commit answered late or oddly, but the order is there
            }
            // The hold is written and no order stands on it: give its places back at once.
            inventory.abandon(order.holdRef, order.sessionId);
            throw e;
        }
    }

    /**
     * Takes the hold, asking once more when the first answer is not known (a time-out, a 5xx, the same
     * hold still being written): the hold is idempotent by its reference, so the second answer is the
     * places the first request took. It never abandons on an unknown outcome: the first request may
     * still write the places after the abandonment, which would then have nothing to give back. A hold
     * written after all is found by the buyer's retry with the same key, or given back at its expiry.
     */
    private Hold hold(Hold request) {
        Hold hold;
        try {
            hold = inventory.hold(request);
        } catch (InventoryRefusal e) {
            // Nothing was taken; a released hold is a retry of a creation that crashed long ago.
            throw Inventory.isGone(e) ? expired() : e;
        } catch (RuntimeException first) {
            try {
                hold = inventory.hold(request);
            } catch (RuntimeException again) {
                again.addSuppressed(first);
                throw again;
            }
        }
        if (!Hold.HELD.equals(hold.state())) {
            throw expired();
        }
        return hold;
    }

    /**
     * A retry holds the same reference and gets the first attempt's hold, with its expiry: the order's
     * deadline is the first attempt's and never outlives the hold, or the places could be sold again
     * before the buyer pays in time. Past it, the buyer is told to order again.
     */
    private void keepDeadlineInsideHold(OrderDO order, Hold hold) {
        if (hold.expiresAt() == null) {
            return;
        }
        LocalDateTime holdEnd = LocalDateTime.ofInstant(hold.expiresAt().minus(holdGrace), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MILLIS);
        if (holdEnd.isBefore(order.payDeadline)) {
            order.payDeadline = holdEnd;
        }
        if (!order.payDeadline.isAfter(LocalDateTime.now(clock))) {
            throw expired();
        }
    }

    /** A retry of a creation whose hold outlived its deadline or was given back. */
    private static ApiException expired() {
        return new ApiException(
                OrderErrorCode.ORDER_EXPIRED,
                "The places of this request were held until its payment deadline, which has passed;"
                        + " order again with a new Idempotency-Key");
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
            row.status = TicketStatus.UNPAID;
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
