package com.wuhou.ticketing.order.payment;

import com.wuhou.ticketing.inventory.api.Hold;
import com.wuhou.ticketing.inventory.api.Release;
import com.wuhou.ticketing.order.FaultInjection;
import com.wuhou.ticketing.order.api.OrderEvents;
import com.wuhou.ticketing.order.checkin.Checkin;
import com.wuhou.ticketing.order.inventory.Inventory;
import com.wuhou.ticketing.order.inventory.InventoryRefusal;
import com.wuhou.ticketing.order.orders.OrderDO;
import com.wuhou.ticketing.order.orders.OrderRecords;
import com.wuhou.ticketing.order.orders.OrderStatus;
import com.wuhou.ticketing.order.orders.Orders;
import com.wuhou.ticketing.order.orders.TicketDO;
import com.wuhou.ticketing.order.ticket.TicketSigner;
import com.wuhou.ticketing.platform.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.seata.spring.annotation.GlobalTransactional;
import org.apache.seata.tm.api.transaction.TransactionHookAdapter;
import org.apache.seata.tm.api.transaction.TransactionHookManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of a payment's outcome that change an order and inventory together, each one Seata global
 * transaction: if either side fails, neither keeps its change (creation is a reservation with an
 * expiry instead, see {@code Booking}). A payment sells the places before the order is paid (so a hold
 * that expired meanwhile changes nothing here); closing an unpaid order changes the order first and
 * inventory last. This service's rows (and its outbox events) are written in one short local
 * transaction, the branch of this side, which does not hold a database connection while inventory is
 * called. Nothing here calls a payment provider: the outside world is never inside a global transaction.
 */
@Component
class PaymentTransactions {

    /**
     * A late hold is confirmed in the same global transaction; its expiry only outlives a crash, and
     * is longer than any rollback of that transaction (whose undo restores its rows to HELD first).
     */
    private static final Duration LATE_HOLD_LIFETIME = Duration.ofHours(1);

    private final OrderRecords orders;
    private final PaymentRecords payments;
    private final Inventory inventory;
    private final Checkin checkin;
    private final TicketSigner signer;
    private final Outbox outbox;
    private final FaultInjection faults;
    private final TransactionTemplate local;
    private final Clock clock;

    PaymentTransactions(
            OrderRecords orders,
            PaymentRecords payments,
            Inventory inventory,
            Checkin checkin,
            TicketSigner signer,
            Outbox outbox,
            FaultInjection faults,
            TransactionTemplate local,
            Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.inventory = inventory;
        this.checkin = checkin;
        this.signer = signer;
        this.outbox = outbox;
        this.faults = faults;
        this.local = local;
        this.clock = clock;
    }

    /**
     * The provider confirmed the payment of an unpaid order: places sold, tickets issued. Inventory
     * goes first: when it no longer holds the places (the hold expired), it refuses with an {@link
     * InventoryRefusal} for which {@link Inventory#isGone} holds before anything changed here, and the
     * caller pays the order late.
     */
    @GlobalTransactional(name = "order-pay", timeoutMills = 20_000)
    public void pay(String orderNo, String paymentId, String providerTxn) {
        OrderDO order = orders.order(orderNo);
        inventory.confirm(order.holdRef);
        OrderEvents.OrderPaid paid = local.execute(tx -> {
            LocalDateTime now = now();
            orders.move(
                    orderNo,
                    List.of(OrderStatus.PENDING_PAYMENT),
                    OrderStatus.PAID,
                    now,
                    update -> update.set("payment_id", paymentId).set("paid_at", now));
            return paid(orders.order(orderNo), paymentId, providerTxn, now);
        });
        tellGatesAfterCommit(paid);
    }

    /**
     * A payment arrived for an order that had expired or was cancelled, or whose hold inventory gave
     * back at its expiry: its places are taken again (under a new hold) and sold, or, when they are
     * gone, inventory refuses and nothing changes (the caller refunds the payment).
     */
    @GlobalTransactional(name = "order-late-pay", timeoutMills = 20_000)
    public void payLate(String orderNo, String paymentId, String providerTxn) {
        OrderDO order = orders.order(orderNo);
        List<TicketDO> rows = orders.tickets(orderNo);
        String holdRef = lateHoldRef(orderNo);
        inventory.hold(Hold.request(
                holdRef,
                order.sessionId,
                rows.stream().map(t -> Hold.Unit.of(t.ticketType, t.idHash)).toList(),
                clock.instant().plus(LATE_HOLD_LIFETIME)));
        inventory.confirm(holdRef);
        OrderEvents.OrderPaid paid = local.execute(tx -> {
            LocalDateTime now = now();
            orders.move(
                    orderNo,
                    OrderStatus.MOVES.into(OrderStatus.PAID), // expired, cancelled, or unpaid with its hold gone
                    OrderStatus.PAID,
                    now,
                    update -> update.set("hold_ref", holdRef)
                            .set("payment_id", paymentId)
                            .set("paid_at", now));
            return paid(orders.order(orderNo), paymentId, providerTxn, now);
        });
        tellGatesAfterCommit(paid);
    }

    /** An unpaid order is cancelled or expired (its payments are already closed at the provider). */
    @GlobalTransactional(name = "order-close", timeoutMills = 20_000)
    public void close(String orderNo, OrderStatus status) {
        OrderDO order = local.execute(tx -> {
            LocalDateTime now = now();
            orders.move(orderNo, List.of(OrderStatus.PENDING_PAYMENT), status, now, update -> {});
            orders.voidTickets(orderNo, now);
            payments.closePending(orderNo, now);
            OrderDO closed = orders.order(orderNo);
            outbox.append(
                    status == OrderStatus.EXPIRED ? OrderEvents.ORDER_EXPIRED : OrderEvents.ORDER_CANCELLED,
                    orderNo,
                    new OrderEvents.OrderClosed(
                            orderNo,
                            closed.sessionId,
                            closed.visitDate,
                            orders.tickets(orderNo).size()));
            return closed;
        });
        // This side's branch is committed locally here; a failure from now on is undone by Seata.
        faults.at(FaultInjection.BEFORE_RELEASE);
        inventory.releaseInGlobalTransaction(order.holdRef, Release.all());
        faults.at(FaultInjection.AFTER_RELEASE);
    }

    /** The hold a late payment takes for an order whose first hold was released. */
    static String lateHoldRef(String orderNo) {
        return orderNo + "-L";
    }

    /** Issues the order's tickets; returns what the gates are told of them. */
    private OrderEvents.OrderPaid paid(OrderDO order, String paymentId, String providerTxn, LocalDateTime now) {
        payments.succeeded(order.orderNo, paymentId, providerTxn, now);
        List<TicketDO> rows = orders.tickets(order.orderNo);
        for (TicketDO row : rows) {
            orders.issue(
                    row,
                    signer.sign(new TicketSigner.TicketFacts(
                            row.ticketId,
                            order.sessionId,
                            order.visitDate,
                            order.startTime,
                            order.endTime,
                            row.ticketType)),
                    now);
        }
        OrderEvents.OrderPaid paid = Orders.paidFacts(order, rows);
        outbox.append(OrderEvents.ORDER_PAID, order.orderNo, paid);
        return paid;
    }

    /** Once the payment has committed (never before: a rolled-back payment must not admit anyone). */
    private void tellGatesAfterCommit(OrderEvents.OrderPaid paid) {
        TransactionHookManager.registerHook(new TransactionHookAdapter() {
            @Override
            public void afterCommit() {
                checkin.paid(paid);
            }
        });
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
