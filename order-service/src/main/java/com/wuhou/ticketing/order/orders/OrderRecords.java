package com.wuhou.ticketing.order.orders;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.conditions.update.UpdateWrapper;
import com.wuhou.ticketing.order.OrderErrorCode;
import com.wuhou.ticketing.platform.problem.ApiException;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The order and ticket rows as the booking, payment and refund features read and change them. Each
 * change is one conditional update through the states' {@link Transitions}: when another change came
 * first it fails with {@code ORDER_CHANGED} (inside a transaction, so nothing of it stays).
 */
@Component
public class OrderRecords {

    private final OrderMapper orders;
    private final TicketMapper tickets;

    OrderRecords(OrderMapper orders, TicketMapper tickets) {
        this.orders = orders;
        this.tickets = tickets;
    }

    /** The order, or null. */
    public OrderDO order(String orderNo) {
        return orders.selectById(orderNo);
    }

    /** The order's tickets in their order. */
    public List<TicketDO> tickets(String orderNo) {
        return tickets.selectList(
                new QueryWrapper<TicketDO>().eq("order_no", orderNo).orderByAsc("ticket_id"));
    }

    /** A new order with its tickets (in the caller's transaction). */
    public void insert(OrderDO order, List<TicketDO> rows) {
        orders.insert(order);
        rows.forEach(tickets::insert);
    }

    /** Moves the order from one of {@code from} to {@code to}, or fails when another change came first. */
    public void move(
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

    /** The unpaid tickets of an order that closed unpaid no longer count. */
    public void voidTickets(String orderNo, LocalDateTime now) {
        tickets.update(
                null,
                TicketStatus.MOVES
                        .<TicketDO>move(List.of(TicketStatus.UNPAID), TicketStatus.VOID, now)
                        .eq("order_no", orderNo));
    }

    /** A paid ticket becomes valid with its QR credential. */
    public void issue(TicketDO ticket, String credential, LocalDateTime now) {
        if (tickets.update(
                        null,
                        TicketStatus.MOVES
                                .<TicketDO>move(TicketStatus.VALID, now)
                                .eq("ticket_id", ticket.ticketId)
                                .set("credential", credential))
                != 1) {
            throw changed(ticket.orderNo);
        }
    }

    /** The tickets, read with a locking read (which waits for a global transaction that holds them). */
    public List<TicketDO> lock(Collection<String> ticketIds) {
        return tickets.selectList(
                new QueryWrapper<TicketDO>().in("ticket_id", ticketIds).last("FOR UPDATE"));
    }

    /** Valid tickets become refunded; fails unless every one of them was still valid. */
    public void refund(String orderNo, Collection<String> ticketIds, LocalDateTime now) {
        int changed = tickets.update(
                null,
                TicketStatus.MOVES
                        .<TicketDO>move(List.of(TicketStatus.VALID), TicketStatus.REFUNDED, now)
                        .in("ticket_id", ticketIds));
        if (changed != ticketIds.size()) {
            throw changed(orderNo);
        }
    }

    /** Whether a ticket of the order is still valid or used (so the order is not wholly refunded). */
    public boolean anyKept(String orderNo) {
        return tickets.selectCount(new QueryWrapper<TicketDO>()
                        .eq("order_no", orderNo)
                        .in("status", TicketStatus.VALID, TicketStatus.USED))
                > 0;
    }

    /** Unpaid orders past their deadline not tried yet, oldest deadline first. */
    public List<OrderDO> dueForExpiry(LocalDateTime now, int most) {
        return orders.selectList(new QueryWrapper<OrderDO>()
                .select("order_no", "expiry_attempts")
                .eq("status", OrderStatus.PENDING_PAYMENT)
                .isNull("expiry_retry_at")
                .lt("pay_deadline", now)
                .orderByAsc("pay_deadline")
                .last("LIMIT " + most));
    }

    /** Unpaid orders whose expiry failed and whose pause is over. */
    public List<OrderDO> dueForExpiryAgain(LocalDateTime now, int most) {
        return orders.selectList(new QueryWrapper<OrderDO>()
                .select("order_no", "expiry_attempts")
                .eq("status", OrderStatus.PENDING_PAYMENT)
                .le("expiry_retry_at", now)
                .orderByAsc("expiry_retry_at")
                .last("LIMIT " + most));
    }

    /** An expiry that failed is tried again at {@code retryAt} (unless the order moved meanwhile). */
    public void expiryFailed(String orderNo, int attempts, LocalDateTime retryAt) {
        orders.update(
                null,
                new UpdateWrapper<OrderDO>()
                        .eq("order_no", orderNo)
                        .eq("status", OrderStatus.PENDING_PAYMENT)
                        .set("expiry_attempts", attempts)
                        .set("expiry_retry_at", retryAt));
    }

    /** Unpaid orders whose expiry failed and waits to be tried again. */
    public long expiryStuck() {
        return orders.selectCount(new QueryWrapper<OrderDO>()
                .eq("status", OrderStatus.PENDING_PAYMENT)
                .isNotNull("expiry_retry_at"));
    }

    public static ApiException changed(String orderNo) {
        return new ApiException(OrderErrorCode.ORDER_CHANGED, "Order " + orderNo + " changed meanwhile");
    }
}
