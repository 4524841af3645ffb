package com.wuhou.ticketing.order.payment;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.conditions.update.UpdateWrapper;
import com.wuhou.ticketing.order.orders.OrderRecords;
import com.wuhou.ticketing.order.orders.OrderView;
import com.wuhou.ticketing.order.orders.PaymentHistory;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The payment rows: every change of a payment's status is written here, once, as a conditional
 * update through {@link PaymentStatus#MOVES}.
 */
@Component
class PaymentRecords implements PaymentHistory {

    private final PaymentMapper payments;

    PaymentRecords(PaymentMapper payments) {
        this.payments = payments;
    }

    PaymentDO find(String paymentId) {
        return payments.selectById(paymentId);
    }

    @Override
    public List<OrderView.PaymentSummary> of(String orderNo) {
        return payments
                .selectList(
                        new QueryWrapper<PaymentDO>().eq("order_no", orderNo).orderByAsc("created_at"))
                .stream()
                .map(p -> new OrderView.PaymentSummary(p.paymentId, p.method, p.amountFen, p.status.name()))
                .toList();
    }

    List<PaymentDO> pending(String orderNo) {
        return payments.selectList(
                new QueryWrapper<PaymentDO>().eq("order_no", orderNo).eq("status", PaymentStatus.PENDING));
    }

    /** Payments decided to be refunded whose provider has not confirmed it since {@code before}. */
    List<PaymentDO> refundingSince(LocalDateTime before, int most) {
        return payments.selectList(new QueryWrapper<PaymentDO>()
                .eq("status", PaymentStatus.REFUNDING)
                .lt("updated_at", before)
                .last("LIMIT " + most));
    }

    void insert(PaymentDO payment) {
        payments.insert(payment);
    }

    void delete(String paymentId) {
        payments.deleteById(paymentId);
    }

    /** The payment paid its order; fails (ORDER_CHANGED) when it was settled otherwise meanwhile. */
    void succeeded(String orderNo, String paymentId, String providerTxn, LocalDateTime now) {
        if (payments.update(
                        null,
                        PaymentStatus.MOVES
                                .<PaymentDO>move(PaymentStatus.SUCCEEDED, now)
                                .eq("payment_id", paymentId)
                                .set("provider_txn", providerTxn))
                != 1) {
            throw OrderRecords.changed(orderNo);
        }
    }

    void failed(String paymentId, LocalDateTime now) {
        payments.update(
                null,
                PaymentStatus.MOVES
                        .<PaymentDO>move(List.of(PaymentStatus.PENDING), PaymentStatus.FAILED, now)
                        .eq("payment_id", paymentId));
    }

    /** The order's payments still pending, closed at the provider before the order closes. */
    void closePending(String orderNo, LocalDateTime now) {
        payments.update(
                null,
                PaymentStatus.MOVES
                        .<PaymentDO>move(List.of(PaymentStatus.PENDING), PaymentStatus.CLOSED, now)
                        .eq("order_no", orderNo));
    }

    /** Decides to pay back a payment not settled yet (pending, failed, closed); false when it was. */
    boolean refunding(String paymentId, String providerTxn, LocalDateTime now) {
        return payments.update(
                        null,
                        PaymentStatus.MOVES
                                .<PaymentDO>move(PaymentStatus.REFUNDING, now)
                                .eq("payment_id", paymentId)
                                .set("provider_txn", providerTxn))
                == 1;
    }

    void refunded(String paymentId, LocalDateTime now) {
        payments.update(
                null,
                PaymentStatus.MOVES.<PaymentDO>move(PaymentStatus.REFUNDED, now).eq("payment_id", paymentId));
    }

    /** A pay-back the provider has not confirmed is asked again after a pause from now. */
    void askedAgainLater(String paymentId, LocalDateTime now) {
        payments.update(
                null, new UpdateWrapper<PaymentDO>().eq("payment_id", paymentId).set("updated_at", now));
    }
}
