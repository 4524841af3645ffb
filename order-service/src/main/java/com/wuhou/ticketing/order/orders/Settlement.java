package com.wuhou.ticketing.order.orders;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.conditions.update.UpdateWrapper;
import com.wuhou.ticketing.order.OrderErrorCode;
import com.wuhou.ticketing.order.api.OrderEvents;
import com.wuhou.ticketing.order.inventory.Inventory;
import com.wuhou.ticketing.order.inventory.InventoryRefusal;
import com.wuhou.ticketing.order.payment.PaymentProvider;
import com.wuhou.ticketing.order.payment.PaymentProvider.ProviderStatus;
import com.wuhou.ticketing.order.payment.PaymentProviders;
import com.wuhou.ticketing.platform.outbox.Outbox;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens when a payment's outcome becomes known, and how an unpaid order is closed. The rule:
 * money the provider collected is never lost. A payment for an unpaid order pays it; one for an order
 * that expired or was cancelled meanwhile takes the places again if they are still there and is
 * refunded when inventory refuses them for any reason (only a failure of the moment is tried again,
 * when the provider repeats its notice); a second payment for a paid order is refunded. Before an
 * unpaid order is closed its payments are closed at the provider, and one found paid pays the order
 * instead.
 */
@Service
public class Settlement {

    private static final Logger log = LoggerFactory.getLogger(Settlement.class);
    private static final int ATTEMPTS = 3;

    private final OrderMapper orders;
    private final PaymentMapper payments;
    private final OrderTransactions transactions;
    private final PaymentProviders providers;
    private final Inventory inventory;
    private final Outbox outbox;
    private final TransactionTemplate local;
    private final Clock clock;

    Settlement(
            OrderMapper orders,
            PaymentMapper payments,
            OrderTransactions transactions,
            PaymentProviders providers,
            Inventory inventory,
            Outbox outbox,
            TransactionTemplate local,
            Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.transactions = transactions;
        this.providers = providers;
        this.inventory = inventory;
        this.outbox = outbox;
        this.local = local;
        this.clock = clock;
    }

    /**
     * A provider's notice that a payment succeeded: it must come from the provider the payment was
     * started with, for the amount asked.
     */
    public void noticed(String method, String paymentId, String providerTxn, long amountFen) {
        PaymentDO payment = payment(paymentId);
        if (!payment.method.equals(method) || payment.amountFen != amountFen) {
            throw new ApiException(
                    CommonErrorCode.VALIDATION_FAILED,
                    "Payment " + paymentId + " is " + payment.amountFen + " fen by " + payment.method + ", not "
                            + amountFen + " fen by " + method);
        }
        succeeded(paymentId, providerTxn);
    }

    /** The provider says the payment succeeded (a notice, or the answer to a status query). */
    public void succeeded(String paymentId, String providerTxn) {
        PaymentDO payment = payment(paymentId);
        if (payment.status.equals(PaymentDO.SUCCEEDED) || payment.status.equals(PaymentDO.REFUNDED)) {
            return; // a repeated notice
        }
        for (int attempt = 1; ; attempt++) {
            OrderDO order = orders.selectById(payment.orderNo);
            try {
                switch (order.status) {
                    case OrderStatus.PENDING_PAYMENT -> transactions.pay(order.orderNo, paymentId, providerTxn);
                    case OrderStatus.EXPIRED, OrderStatus.CANCELLED -> payLate(order, payment, providerTxn);
                    default -> {
                        if (!paymentId.equals(order.paymentId)) {
                            refund(payment, providerTxn, "the order was already paid by payment " + order.paymentId);
                        }
                    }
                }
                return;
            } catch (ApiException e) {
                if (e.errorCode() != OrderErrorCode.ORDER_CHANGED || attempt == ATTEMPTS) {
                    throw e;
                }
                // Another notice or the expiry job moved the order; look again.
            }
        }
    }

    /** The provider says the payment failed: the buyer may try again until the deadline. */
    public void failed(String paymentId) {
        payments.update(
                null,
                new UpdateWrapper<PaymentDO>()
                        .eq("payment_id", paymentId)
                        .eq("status", PaymentDO.PENDING)
                        .set("status", PaymentDO.FAILED)
                        .set("updated_at", LocalDateTime.now(clock)));
    }

    /**
     * Cancels or expires an unpaid order after closing its payments at the provider.
     *
     * @return the order's status afterwards: {@code target}, or {@code PAID} when a payment had gone
     *     through after all
     */
    public String closeUnpaid(String orderNo, String target) {
        List<PaymentDO> pending = payments.selectList(
                new QueryWrapper<PaymentDO>().eq("order_no", orderNo).eq("status", PaymentDO.PENDING));
        for (PaymentDO payment : pending) {
            PaymentProvider provider = providers.of(payment.method);
            ProviderStatus status = provider.close(payment.paymentId);
            if (status == ProviderStatus.SUCCEEDED) {
                succeeded(payment.paymentId, null);
            } else if (status == ProviderStatus.FAILED) {
                failed(payment.paymentId);
            }
        }
        OrderDO order = orders.selectById(orderNo);
        if (!order.status.equals(OrderStatus.PENDING_PAYMENT)) {
            return order.status;
        }
        try {
            transactions.close(orderNo, target);
            return target;
        } catch (ApiException e) {
            if (e.errorCode() != OrderErrorCode.ORDER_CHANGED) {
                throw e;
            }
            return orders.selectById(orderNo).status;
        }
    }

    private void payLate(OrderDO order, PaymentDO payment, String providerTxn) {
        try {
            transactions.payLate(order.orderNo, payment.paymentId, providerTxn);
            log.info("Late payment {} honoured: order {} is paid", payment.paymentId, order.orderNo);
        } catch (RuntimeException e) {
            if (orders.selectById(order.orderNo).status.equals(order.status)) {
                // Rolled back: give back what inventory may have admitted for the new hold.
                inventory.releaseAbandoned(OrderTransactions.lateHoldRef(order.orderNo), order.sessionId);
            }
            if (e instanceof InventoryRefusal) {
                // Inventory refused the places for good, whatever the reason (sold out, limit reached,
                // type off sale, session closed or gone): asking again would not change it.
                refund(payment, providerTxn, "its places could not be taken again: " + e.getMessage());
                return;
            }
            throw e; // a failure of the moment: the provider repeats its notice and this is tried again
        }
    }

    /** Pays back a whole payment that cannot buy anything; recorded with an event for finance. */
    private void refund(PaymentDO payment, String providerTxn, String reason) {
        String refundId = "RF" + payment.paymentId;
        providers.of(payment.method).refund(payment.paymentId, refundId, payment.amountFen);
        local.executeWithoutResult(tx -> {
            payments.update(
                    null,
                    new UpdateWrapper<PaymentDO>()
                            .eq("payment_id", payment.paymentId)
                            .set("status", PaymentDO.REFUNDED)
                            .set("provider_txn", providerTxn)
                            .set("updated_at", LocalDateTime.now(clock)));
            outbox.append(
                    OrderEvents.PAYMENT_REFUNDED,
                    payment.orderNo,
                    new OrderEvents.PaymentRefunded(payment.orderNo, payment.paymentId, payment.amountFen, reason));
        });
        log.warn("Payment {} of order {} refunded: {}", payment.paymentId, payment.orderNo, reason);
    }

    private PaymentDO payment(String paymentId) {
        PaymentDO payment = payments.selectById(paymentId);
        if (payment == null) {
            throw new ApiException(OrderErrorCode.PAYMENT_NOT_FOUND, "No payment " + paymentId);
        }
        return payment;
    }
}
