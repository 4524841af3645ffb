package com.wuhou.ticketing.order.refund;

import com.wuhou.ticketing.inventory.api.Release;
import com.wuhou.ticketing.order.FaultInjection;
import com.wuhou.ticketing.order.api.OrderEvents;
import com.wuhou.ticketing.order.checkin.Checkin;
import com.wuhou.ticketing.order.inventory.Inventory;
import com.wuhou.ticketing.order.orders.OrderDO;
import com.wuhou.ticketing.order.orders.OrderRecords;
import com.wuhou.ticketing.order.orders.OrderStatus;
import com.wuhou.ticketing.order.orders.Orders;
import com.wuhou.ticketing.order.orders.TicketDO;
import com.wuhou.ticketing.order.orders.TicketStatus;
import com.wuhou.ticketing.platform.outbox.Outbox;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.seata.spring.annotation.GlobalTransactional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Paid tickets are refunded in one Seata global transaction with the gates and inventory: the gates
 * withdraw them first (refused if one has entered, and from then on no gate admits them, so an entry
 * and this refund never cross), then they stop being valid here and their places go back on sale.
 * Before the gates hear of them, the tickets are read with a locking read inside this global
 * transaction, which waits while another one (a payment still settling) holds them: the gates are
 * never told of tickets whose payment could still roll back. Nothing here calls a payment provider.
 */
@Component
class RefundTransaction {

    private final OrderRecords orders;
    private final RefundMapper refunds;
    private final Inventory inventory;
    private final Checkin checkin;
    private final Outbox outbox;
    private final FaultInjection faults;
    private final TransactionTemplate local;
    private final Clock clock;

    RefundTransaction(
            OrderRecords orders,
            RefundMapper refunds,
            Inventory inventory,
            Checkin checkin,
            Outbox outbox,
            FaultInjection faults,
            TransactionTemplate local,
            Clock clock) {
        this.orders = orders;
        this.refunds = refunds;
        this.inventory = inventory;
        this.checkin = checkin;
        this.outbox = outbox;
        this.faults = faults;
        this.local = local;
        this.clock = clock;
    }

    @GlobalTransactional(name = "order-refund", timeoutMills = 20_000, lockRetryInterval = 100, lockRetryTimes = 30)
    public void refund(String orderNo, RefundDO refund, List<TicketDO> refunded) {
        List<String> ids = refunded.stream().map(t -> t.ticketId).toList();
        List<TicketDO> settled = local.execute(tx -> orders.lock(ids));
        if (settled.size() != ids.size() || settled.stream().anyMatch(t -> t.status != TicketStatus.VALID)) {
            throw OrderRecords.changed(orderNo);
        }
        checkin.voidForRefund(refund.refundId, Orders.paidFacts(orders.order(orderNo), refunded));
        OrderDO order = local.execute(tx -> {
            LocalDateTime now = LocalDateTime.now(clock);
            orders.refund(orderNo, ids, now);
            OrderStatus after = orders.anyKept(orderNo) ? OrderStatus.PARTIALLY_REFUNDED : OrderStatus.REFUNDED;
            orders.move(orderNo, OrderStatus.MOVES.into(after), after, now, update -> {});
            refund.status = RefundStatus.PENDING;
            refund.createdAt = now;
            refund.updatedAt = now;
            refunds.insert(refund);
            OrderDO current = orders.order(orderNo);
            outbox.append(
                    OrderEvents.TICKETS_REFUNDED,
                    orderNo,
                    new OrderEvents.TicketsRefunded(
                            orderNo,
                            refund.refundId,
                            current.sessionId,
                            current.visitDate,
                            refund.amountFen,
                            refunded.stream().map(Orders::event).toList()));
            return current;
        });
        inventory.releaseInGlobalTransaction(
                order.holdRef, Release.of(refunded.stream().map(t -> t.idHash).toList()));
        faults.at(FaultInjection.REFUND_STALL_THEN_FAIL);
    }
}
