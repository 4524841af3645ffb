package com.wuhou.ticketing.order.orders;

import com.baomidou.mybatisplus.core.conditions.update.UpdateWrapper;
import com.wuhou.ticketing.order.OrderErrorCode;
import com.wuhou.ticketing.order.api.Museum;
import com.wuhou.ticketing.order.api.OrderEvents;
import com.wuhou.ticketing.platform.problem.ApiException;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Service;

/** Reading orders: by their token, as a summary, and the facts their events carry. */
@Service
public class Orders {

    private final OrderMapper orders;
    private final OrderRecords records;
    private final PaymentHistory payments;
    private final OrderTokens tokens;

    Orders(OrderMapper orders, OrderRecords records, PaymentHistory payments, OrderTokens tokens) {
        this.orders = orders;
        this.records = records;
        this.payments = payments;
        this.tokens = tokens;
    }

    /** The token of an order made now (derived, so an answer can be given again without storing it). */
    public String tokenOf(String orderNo) {
        return tokens.tokenOf(orderNo);
    }

    /**
     * The token of an existing order, given again (a replayed answer, a recovery). An order made
     * before order tokens had a key of their own gets its stored hash moved to this token, so the
     * answer opens it and the token derivable from the visitor key no longer does.
     */
    public String reissuedToken(String orderNo) {
        String token = tokens.tokenOf(orderNo);
        String hash = OrderTokens.hash(token);
        orders.update(
                null,
                new UpdateWrapper<OrderDO>()
                        .eq("order_no", orderNo)
                        .ne("token_hash", hash)
                        .set("token_hash", hash));
        return token;
    }

    /** The order, if the token is its own; otherwise (or when there is no such order) a 404. */
    public OrderDO authorized(String orderNo, String token) {
        OrderDO order = orderNo.length() > 40 ? null : orders.selectById(orderNo);
        if (order == null || !OrderTokens.matches(token, order.tokenHash)) {
            throw new ApiException(OrderErrorCode.ORDER_NOT_FOUND, "No order " + orderNo + " for this order token");
        }
        return order;
    }

    /** A paid order as recovery shows it: status, slot and masked visitors, no token and no QR credentials. */
    OrderView summary(OrderDO order) {
        OrderView full = view(order, records.tickets(order.orderNo), List.of(), null);
        return new OrderView(
                full.orderNo(),
                full.status(),
                full.sessionId(),
                full.visitDate(),
                full.startTime(),
                full.endTime(),
                full.contactPhone(),
                full.totalFen(),
                full.payDeadline(),
                null,
                full.tickets().stream()
                        .map(t -> new OrderView.TicketView(
                                t.ticketId(),
                                t.ticketType(),
                                t.priceFen(),
                                t.visitorName(),
                                t.idType(),
                                t.idNo(),
                                t.status(),
                                null))
                        .toList(),
                List.of());
    }

    public OrderView find(String orderNo, String token) {
        OrderDO order = authorized(orderNo, token);
        return view(order, records.tickets(orderNo), payments.of(orderNo), null);
    }

    public static OrderView view(
            OrderDO order, List<TicketDO> tickets, List<OrderView.PaymentSummary> payments, String token) {
        return new OrderView(
                order.orderNo,
                order.status.name(),
                order.sessionId,
                order.visitDate,
                order.startTime,
                order.endTime,
                maskPhone(order.contactPhone),
                order.totalFen,
                order.payDeadline
                        .atOffset(ZoneOffset.UTC)
                        .atZoneSameInstant(Museum.ZONE)
                        .toOffsetDateTime(),
                token,
                tickets.stream()
                        .map(t -> new OrderView.TicketView(
                                t.ticketId,
                                t.ticketType,
                                t.priceFen,
                                maskName(t.visitorName),
                                t.idType,
                                t.idMasked,
                                t.status.name(),
                                t.credential))
                        .toList(),
                payments);
    }

    private static String maskPhone(String phone) {
        return phone.length() < 7 ? "****" : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    /** What the gates are told of paid tickets (and withdrawn again at a refund). */
    public static OrderEvents.OrderPaid paidFacts(OrderDO order, List<TicketDO> tickets) {
        return new OrderEvents.OrderPaid(
                order.orderNo,
                order.sessionId,
                order.visitDate,
                order.startTime,
                order.endTime,
                order.channel,
                order.totalFen,
                tickets.stream().map(Orders::event).toList());
    }

    public static OrderEvents.Ticket event(TicketDO t) {
        return new OrderEvents.Ticket(
                t.ticketId,
                t.ticketType,
                t.priceFen,
                t.idHash,
                maskName(t.visitorName),
                t.dayHash,
                t.entries == null ? 1 : t.entries);
    }

    /** 张三丰 → 张**; a one-character name is shown as *. */
    public static String maskName(String name) {
        int first = name.offsetByCodePoints(0, 1);
        int rest = name.codePointCount(first, name.length());
        return rest == 0 ? "*" : name.substring(0, first) + "*".repeat(rest);
    }
}
