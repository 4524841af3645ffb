package com.wuhou.ticketing.order.refund;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.conditions.update.UpdateWrapper;
import com.wuhou.ticketing.order.OrderErrorCode;
import com.wuhou.ticketing.order.api.Museum;
import com.wuhou.ticketing.order.orders.OrderDO;
import com.wuhou.ticketing.order.orders.OrderRecords;
import com.wuhou.ticketing.order.orders.OrderStatus;
import com.wuhou.ticketing.order.orders.Orders;
import com.wuhou.ticketing.order.orders.TicketDO;
import com.wuhou.ticketing.order.orders.TicketStatus;
import com.wuhou.ticketing.order.payment.Payments;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.Problems;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.seata.rm.datasource.exec.LockWaitTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/** Refunds of paid, unused tickets, until their session ends. */
@Service
public class Refunds {

    private static final Logger log = LoggerFactory.getLogger(Refunds.class);
    private static final Set<OrderStatus> REFUNDABLE =
            Set.of(OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.PARTIALLY_USED);

    private final Orders orders;
    private final RefundMapper refunds;
    private final OrderRecords records;
    private final RefundTransaction transaction;
    private final Payments payments;
    private final Clock clock;

    Refunds(
            Orders orders,
            RefundMapper refunds,
            OrderRecords records,
            RefundTransaction transaction,
            Payments payments,
            Clock clock) {
        this.orders = orders;
        this.refunds = refunds;
        this.records = records;
        this.transaction = transaction;
        this.payments = payments;
        this.clock = clock;
    }

    /** {@code POST /api/v1/orders/{orderNo}/refunds}: the tickets to refund. */
    public record RefundRequest(
            @NotNull @NotEmpty @Size(max = 20) List<@NotNull String> ticketIds) {}

    /** A refund; {@code PENDING} until the provider has paid the money back. */
    public record RefundView(String refundId, String orderNo, List<String> ticketIds, long amountFen, String status) {}

    public RefundView refund(String orderNo, String token, RefundRequest request, String reservedId) {
        OrderDO order = orders.authorized(orderNo, token);
        String refundId = "RF" + reservedId.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
        RefundDO existing = refunds.selectById(refundId);
        if (existing != null) {
            return view(existing);
        }
        if (!REFUNDABLE.contains(order.status)) {
            throw new ApiException(OrderErrorCode.ORDER_NOT_REFUNDABLE, "Order " + orderNo + " is " + order.status);
        }
        Map<String, TicketDO> tickets =
                records.tickets(orderNo).stream().collect(Collectors.toMap(t -> t.ticketId, Function.identity()));
        List<TicketDO> chosen = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String id : request.ticketIds()) {
            TicketDO ticket = tickets.get(id);
            if (ticket == null || !seen.add(id)) {
                String message = ticket == null ? "order " + orderNo + " has no ticket " + id : id + " is named twice";
                throw new ApiException(
                        CommonErrorCode.VALIDATION_FAILED,
                        message,
                        Map.of(Problems.ERRORS, List.of(new Problems.FieldError("ticketIds", message))));
            }
            if (ticket.status != TicketStatus.VALID) {
                throw new ApiException(OrderErrorCode.TICKET_NOT_REFUNDABLE, "Ticket " + id + " is " + ticket.status);
            }
            chosen.add(ticket);
        }
        ZonedDateTime sessionEnd = order.visitDate.atTime(order.endTime).atZone(Museum.ZONE);
        if (!clock.instant().isBefore(sessionEnd.toInstant())) {
            throw new ApiException(OrderErrorCode.TICKET_NOT_REFUNDABLE, "The session of these tickets has ended");
        }
        RefundDO refund = new RefundDO();
        refund.refundId = refundId;
        refund.orderNo = orderNo;
        refund.paymentId = order.paymentId;
        refund.ticketIds = String.join(",", chosen.stream().map(t -> t.ticketId).toList());
        refund.amountFen = chosen.stream().mapToLong(t -> t.priceFen).sum();
        try {
            transaction.refund(orderNo, refund, chosen);
        } catch (RuntimeException e) {
            if (heldByAnotherTransaction(e)) {
                // A payment of these tickets is still settling (its global transaction holds them).
                throw new ApiException(
                        CommonErrorCode.SERVICE_UNAVAILABLE, "The order is being changed; please try again shortly");
            }
            throw e;
        }
        payBack(refund);
        return view(refunds.selectById(refundId));
    }

    private static boolean heldByAnotherTransaction(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof LockWaitTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Refunds whose money the provider has not confirmed yet are asked again. */
    @Scheduled(
            initialDelayString = "${ticketing.order.expiry-interval:5s}",
            fixedDelayString = "${ticketing.order.expiry-interval:5s}")
    void retryPending() {
        LocalDateTime before = LocalDateTime.now(clock).minus(Duration.ofSeconds(30));
        refunds.selectList(new QueryWrapper<RefundDO>()
                        .eq("status", RefundStatus.PENDING)
                        .lt("updated_at", before)
                        .last("LIMIT 50"))
                .forEach(this::payBack);
    }

    private void payBack(RefundDO refund) {
        try {
            payments.providerOf(refund.paymentId).refund(refund.paymentId, refund.refundId, refund.amountFen);
            refunds.update(
                    null,
                    RefundStatus.MOVES
                            .<RefundDO>move(RefundStatus.SUCCEEDED, LocalDateTime.now(clock))
                            .eq("refund_id", refund.refundId));
        } catch (RuntimeException e) {
            log.warn("Refund {} not confirmed by the provider yet; will ask again: {}", refund.refundId, e.toString());
            refunds.update(
                    null,
                    new UpdateWrapper<RefundDO>()
                            .eq("refund_id", refund.refundId)
                            .set("updated_at", LocalDateTime.now(clock)));
        }
    }

    private static RefundView view(RefundDO refund) {
        return new RefundView(
                refund.refundId,
                refund.orderNo,
                Arrays.asList(refund.ticketIds.split(",")),
                refund.amountFen,
                refund.status.name());
    }
}
