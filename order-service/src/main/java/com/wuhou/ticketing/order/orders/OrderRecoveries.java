package com.wuhou.ticketing.order.orders;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.wuhou.ticketing.order.api.IdDocument;
import com.wuhou.ticketing.order.api.Museum;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.Problems;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Finds the orders that hold a place for a visitor's document, from today on, whose contact phone is
 * the one given. The document is looked up by its keyed hash, as the per-ID limit counts it; the
 * number itself is neither stored nor logged.
 *
 * <p>What it gives back is limited to what knowing a companion's ID number and the buyer's phone may
 * give: an unpaid order comes with its token (the buyer pays it, or lets it go, instead of being
 * locked out by their own hold), a paid one only as a summary, with neither its token (which refunds)
 * nor the tickets' QR credentials (which admit). Paid orders are regained with proof of the phone,
 * which needs an SMS provider (not built yet).
 */
@Service
class OrderRecoveries {

    /** Orders that still hold (or have sold) their places. */
    private static final List<OrderStatus> HOLDING = List.of(
            OrderStatus.PENDING_PAYMENT, OrderStatus.PAID, OrderStatus.PARTIALLY_USED, OrderStatus.PARTIALLY_REFUNDED);

    /** Tickets of the visitor that count against their daily limit. */
    private static final List<String> HELD_TICKETS =
            List.of(TicketStatus.UNPAID.name(), TicketStatus.VALID.name(), TicketStatus.USED.name());

    /** More than a visitor holds from today on (one a day), few enough for one answer. */
    private static final int MOST = 50;

    private final TicketMapper tickets;
    private final OrderMapper orders;
    private final Orders orderService;
    private final VisitorKeys keys;
    private final Clock clock;

    OrderRecoveries(TicketMapper tickets, OrderMapper orders, Orders orderService, VisitorKeys keys, Clock clock) {
        this.tickets = tickets;
        this.orders = orders;
        this.orderService = orderService;
        this.keys = keys;
        this.clock = clock;
    }

    List<OrderView> recover(String idType, String idNo, String contactPhone) {
        IdDocument document = new IdDocument(IdDocument.Type.valueOf(idType), idNo);
        LocalDate today = LocalDate.now(clock.withZone(Museum.ZONE));
        document.problem(today).ifPresent(problem -> {
            throw new ApiException(
                    CommonErrorCode.VALIDATION_FAILED,
                    "One or more fields are invalid",
                    Map.of(Problems.ERRORS, List.of(new Problems.FieldError("idNo", problem))));
        });
        // One query whatever matches, so a wrong phone and an unknown document take the same path.
        return orders
                .selectList(new QueryWrapper<OrderDO>()
                        .apply(
                                "order_no IN (SELECT order_no FROM order_ticket WHERE id_hash = {0} AND status IN ('"
                                        + String.join("','", HELD_TICKETS) + "'))",
                                document.hash(keys.key()))
                        .in("status", HOLDING)
                        .ge("visit_date", today)
                        .eq("contact_phone", contactPhone)
                        .orderByAsc("visit_date", "created_at")
                        .last("LIMIT " + MOST))
                .stream()
                .map(this::recovered)
                .toList();
    }

    private OrderView recovered(OrderDO order) {
        if (order.status == OrderStatus.PENDING_PAYMENT) {
            String token = orderService.reissuedToken(order.orderNo);
            return orderService.find(order.orderNo, token).withToken(token);
        }
        return orderService.summary(order);
    }
}
