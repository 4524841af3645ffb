package com.wuhou.ticketing.order.orders;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.conditions.update.UpdateWrapper;
import com.wuhou.ticketing.inventory.api.Hold;
import com.wuhou.ticketing.inventory.api.Release;
import com.wuhou.ticketing.order.FaultInjection;
import com.wuhou.ticketing.order.OrderErrorCode;
import com.wuhou.ticketing.order.api.OrderEvents;
import com.wuhou.ticketing.order.checkin.Checkin;
import com.wuhou.ticketing.order.inventory.Inventory;
import com.wuhou.ticketing.order.inventory.InventoryRefusal;
import com.wuhou.ticketing.order.ticket.TicketSigner;
import com.wuhou.ticketing.platform.outbox.Outbox;
import com.wuhou.ticketing.platform.problem.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.apache.seata.spring.annotation.GlobalTransactional;
import org.apache.seata.tm.api.transaction.TransactionHookAdapter;
import org.apache.seata.tm.api.transaction.TransactionHookManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps after creation that change an order and inventory together, each one Seata global
 * transaction: if either side fails, neither keeps its change (creation is a reservation with an
 * expiry instead, see {@link Booking}). A payment sells the places before the order is paid (so a
 * hold that expired meanwhile changes nothing here); a cancellation, an expiry and a refund change the
 * order first and inventory last. Places go
 * back on sale at inventory's Redis gate only after the global commit (Redis is not rolled back).
 * This service's rows (and its outbox events) are written in one short local transaction, the
 * branch of this side, which does not hold a database connection while inventory is called. Nothing
 * here calls a payment provider: the outside world is never inside a global transaction.
 */
@Component
public class OrderTransactions {

    private final OrderMapper orders;
    private final TicketMapper tickets;
    private final PaymentMapper payments;
    private final RefundMapper refunds;
    private final Inventory inventory;
    private final Checkin checkin;
    private final TicketSigner signer;
    private final Outbox outbox;
    private final FaultInjection faults;
    private final TransactionTemplate local;
    private final Clock clock;

    OrderTransactions(
            OrderMapper orders,
            TicketMapper tickets,
            PaymentMapper payments,
            RefundMapper refunds,
            Inventory inventory,
            Checkin checkin,
            TicketSigner signer,
            Outbox outbox,
            FaultInjection faults,
            TransactionTemplate local,
            Clock clock) {
        this.orders = orders;
        this.tickets = tickets;
        this.payments = payments;
        this.refunds = refunds;
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
        OrderDO order = orders.selectById(orderNo);
        inventory.confirm(order.holdRef);
        OrderEvents.OrderPaid paid = local.execute(tx -> {
            LocalDateTime now = now();
            move(
                    orderNo,
                    List.of(OrderStatus.PENDING_PAYMENT),
                    OrderStatus.PAID,
                    now,
                    update -> update.set("payment_id", paymentId).set("paid_at", now));
            return paid(orders.selectById(orderNo), paymentId, providerTxn, now);
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
        OrderDO order = orders.selectById(orderNo);
        List<TicketDO> rows = ticketsOf(orderNo);
        String holdRef = lateHoldRef(orderNo);
        inventory.hold(Hold.request(
                holdRef,
                order.sessionId,
                rows.stream().map(t -> Hold.Unit.of(t.ticketType, t.idHash)).toList(),
                clock.instant().plus(LATE_HOLD_LIFETIME)));
        inventory.confirm(holdRef);
        OrderEvents.OrderPaid paid = local.execute(tx -> {
            LocalDateTime now = now();
            move(
                    orderNo,
                    OrderStatus.MOVES.into(OrderStatus.PAID), // expired, cancelled, or unpaid with its hold gone
                    OrderStatus.PAID,
                    now,
                    update -> update.set("hold_ref", holdRef)
                            .set("payment_id", paymentId)
                            .set("paid_at", now));
            return paid(orders.selectById(orderNo), paymentId, providerTxn, now);
        });
        tellGatesAfterCommit(paid);
    }

    /** An unpaid order is cancelled or expired (its payments are already closed at the provider). */
    @GlobalTransactional(name = "order-close", timeoutMills = 20_000)
    public void close(String orderNo, OrderStatus status) {
        OrderDO order = local.execute(tx -> {
            LocalDateTime now = now();
            move(orderNo, List.of(OrderStatus.PENDING_PAYMENT), status, now, update -> {});
            tickets.update(
                    null,
                    TicketStatus.MOVES
                            .<TicketDO>move(List.of(TicketStatus.UNPAID), TicketStatus.VOID, now)
                            .eq("order_no", orderNo));
            payments.update(
                    null,
                    PaymentStatus.MOVES
                            .<PaymentDO>move(List.of(PaymentStatus.PENDING), PaymentStatus.CLOSED, now)
                            .eq("order_no", orderNo));
            OrderDO closed = orders.selectById(orderNo);
            outbox.append(
                    status == OrderStatus.EXPIRED ? OrderEvents.ORDER_EXPIRED : OrderEvents.ORDER_CANCELLED,
                    orderNo,
                    new OrderEvents.OrderClosed(
                            orderNo,
                            closed.sessionId,
                            closed.visitDate,
                            ticketsOf(orderNo).size()));
            return closed;
        });
        // This side's branch is committed locally here; a failure from now on is undone by Seata.
        faults.at(FaultInjection.BEFORE_RELEASE);
        release(order.holdRef, Release.all());
        faults.at(FaultInjection.AFTER_RELEASE);
    }

    /**
     * Paid tickets are refunded: the gates withdraw them first (refused if one has entered, and from
     * then on no gate admits them, so an entry and this refund never cross), then they stop being valid
     * here and their places go back on sale. Before the gates hear of them, the tickets are read with
     * a locking read inside this global transaction, which waits while another one (a payment still
     * settling) holds them: the gates are never told of tickets whose payment could still roll back.
     */
    @GlobalTransactional(name = "order-refund", timeoutMills = 20_000, lockRetryInterval = 100, lockRetryTimes = 30)
    public void refund(String orderNo, RefundDO refund, List<TicketDO> refunded) {
        List<String> ids = refunded.stream().map(t -> t.ticketId).toList();
        List<TicketDO> settled = local.execute(tx -> tickets.selectList(
                new QueryWrapper<TicketDO>().in("ticket_id", ids).last("FOR UPDATE")));
        if (settled.size() != ids.size() || settled.stream().anyMatch(t -> t.status != TicketStatus.VALID)) {
            throw changed(orderNo);
        }
        checkin.voidForRefund(refund.refundId, paidFacts(orders.selectById(orderNo), refunded));
        OrderDO order = local.execute(tx -> {
            LocalDateTime now = now();
            int changed = tickets.update(
                    null,
                    TicketStatus.MOVES
                            .<TicketDO>move(List.of(TicketStatus.VALID), TicketStatus.REFUNDED, now)
                            .in("ticket_id", ids));
            if (changed != ids.size()) {
                throw changed(orderNo);
            }
            boolean anyLeft = tickets.selectCount(new QueryWrapper<TicketDO>()
                            .eq("order_no", orderNo)
                            .in("status", TicketStatus.VALID, TicketStatus.USED))
                    > 0;
            OrderStatus after = anyLeft ? OrderStatus.PARTIALLY_REFUNDED : OrderStatus.REFUNDED;
            move(orderNo, OrderStatus.MOVES.into(after), after, now, update -> {});
            refund.status = RefundStatus.PENDING;
            refund.createdAt = now;
            refund.updatedAt = now;
            refunds.insert(refund);
            OrderDO current = orders.selectById(orderNo);
            outbox.append(
                    OrderEvents.TICKETS_REFUNDED,
                    orderNo,
                    new OrderEvents.TicketsRefunded(
                            orderNo,
                            refund.refundId,
                            current.sessionId,
                            current.visitDate,
                            refund.amountFen,
                            refunded.stream().map(OrderTransactions::event).toList()));
            return current;
        });
        release(order.holdRef, Release.of(refunded.stream().map(t -> t.idHash).toList()));
        faults.at(FaultInjection.REFUND_STALL_THEN_FAIL);
    }

    /**
     * Inventory's ledger gives the places back inside the global transaction; its admission gate
     * (Redis, which Seata cannot roll back) only once the transaction has committed.
     */
    private void release(String holdRef, Release release) {
        try {
            inventory.releaseInLedger(holdRef, release);
        } catch (RuntimeException e) {
            if (!Inventory.isGone(e)) {
                throw e;
            }
            return; // the hold expired or was never written: nothing is counted, nothing to give back
        }
        TransactionHookManager.registerHook(new TransactionHookAdapter() {
            @Override
            public void afterCommit() {
                inventory.releaseAtGate(holdRef, release);
            }
        });
    }

    /**
     * A late hold is confirmed in the same global transaction; its expiry only outlives a crash, and
     * is longer than any rollback of that transaction (whose undo restores its rows to HELD first).
     */
    private static final Duration LATE_HOLD_LIFETIME = Duration.ofHours(1);

    /** The hold a late payment takes for an order whose first hold was released. */
    static String lateHoldRef(String orderNo) {
        return orderNo + "-L";
    }

    /** Moves the order from one of {@code from} to {@code to}, or fails when another change came first. */
    private void move(
            String orderNo,
            Collection<OrderStatus> from,
            OrderStatus to,
            LocalDateTime now,
            Consumer<UpdateWrapper<OrderDO>> also) {
        UpdateWrapper<OrderDO> update =
                OrderStatus.MOVES.<OrderDO>move(from, to, now).eq("order_no", orderNo);
        also.accept(update);
        if (orders.update(null, update) != 1) {
            throw changed(orderNo);
        }
    }

    List<TicketDO> ticketsOf(String orderNo) {
        return tickets.selectList(
                new QueryWrapper<TicketDO>().eq("order_no", orderNo).orderByAsc("ticket_id"));
    }

    /** Issues the order's tickets; returns what the gates are told of them. */
    private OrderEvents.OrderPaid paid(OrderDO order, String paymentId, String providerTxn, LocalDateTime now) {
        if (payments.update(
                        null,
                        PaymentStatus.MOVES
                                .<PaymentDO>move(PaymentStatus.SUCCEEDED, now)
                                .eq("payment_id", paymentId)
                                .set("provider_txn", providerTxn))
                != 1) {
            throw changed(order.orderNo);
        }
        List<TicketDO> rows = ticketsOf(order.orderNo);
        for (TicketDO row : rows) {
            String credential = signer.sign(new TicketSigner.TicketFacts(
                    row.ticketId, order.sessionId, order.visitDate, order.startTime, order.endTime, row.ticketType));
            if (tickets.update(
                            null,
                            TicketStatus.MOVES
                                    .<TicketDO>move(TicketStatus.VALID, now)
                                    .eq("ticket_id", row.ticketId)
                                    .set("credential", credential))
                    != 1) {
                throw changed(order.orderNo);
            }
        }
        OrderEvents.OrderPaid paid = paidFacts(order, rows);
        outbox.append(OrderEvents.ORDER_PAID, order.orderNo, paid);
        return paid;
    }

    private static OrderEvents.OrderPaid paidFacts(OrderDO order, List<TicketDO> tickets) {
        return new OrderEvents.OrderPaid(
                order.orderNo,
                order.sessionId,
                order.visitDate,
                order.startTime,
                order.endTime,
                order.channel,
                order.totalFen,
                tickets.stream().map(OrderTransactions::event).toList());
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

    private static OrderEvents.Ticket event(TicketDO t) {
        return new OrderEvents.Ticket(
                t.ticketId,
                t.ticketType,
                t.priceFen,
                t.idHash,
                Orders.maskName(t.visitorName),
                t.dayHash,
                t.entries == null ? 1 : t.entries);
    }

    static ApiException changed(String orderNo) {
        return new ApiException(OrderErrorCode.ORDER_CHANGED, "Order " + orderNo + " changed meanwhile");
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
