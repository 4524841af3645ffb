package com.wuhou.ticketing.order.payment;

import com.wuhou.ticketing.order.OrderErrorCode;
import com.wuhou.ticketing.order.api.OrderEvents;
import com.wuhou.ticketing.order.inventory.Inventory;
import com.wuhou.ticketing.order.inventory.InventoryRefusal;
import com.wuhou.ticketing.order.orders.OrderDO;
import com.wuhou.ticketing.order.orders.OrderRecords;
import com.wuhou.ticketing.order.orders.OrderStatus;
import com.wuhou.ticketing.order.payment.PaymentProvider.ProviderStatus;
import com.wuhou.ticketing.platform.outbox.Outbox;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
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

    /** Redis lock of a payment being settled, by payment id. */
    static final String SETTLING_LOCK = "lock:payment-settlement:";

    /** Longer than a settlement's global transactions and the calls after them. */
    private static final Duration SETTLING_LEASE = Duration.ofSeconds(60);

    /** Deletes the lock only if this settlement still owns it (its lease may have lapsed). */
    private static final RedisScript<Long> RELEASE = RedisScript.of(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", Long.class);

    private final StringRedisTemplate redis;
    private final OrderRecords orders;
    private final PaymentRecords payments;
    private final PaymentTransactions transactions;
    private final PaymentProviders providers;
    private final Inventory inventory;
    private final Outbox outbox;
    private final TransactionTemplate local;
    private final Clock clock;

    Settlement(
            StringRedisTemplate redis,
            OrderRecords orders,
            PaymentRecords payments,
            PaymentTransactions transactions,
            PaymentProviders providers,
            Inventory inventory,
            Outbox outbox,
            TransactionTemplate local,
            Clock clock) {
        this.redis = redis;
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
        // One settlement of a payment at a time, on every instance: two notices of one late payment
        // would otherwise both take the order's late hold, and the loser's rollback undo the winner's.
        String lock = SETTLING_LOCK + paymentId;
        String owner = UUID.randomUUID().toString();
        if (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(lock, owner, SETTLING_LEASE))) {
            throw new ApiException(
                    CommonErrorCode.SERVICE_UNAVAILABLE,
                    "Payment " + paymentId + " is being settled; ask again shortly");
        }
        try {
            settle(paymentId, providerTxn);
        } finally {
            redis.execute(RELEASE, List.of(lock), owner);
        }
    }

    private void settle(String paymentId, String providerTxn) {
        PaymentDO payment = payment(paymentId);
        if (payment.status.settled()) {
            return; // a repeated notice, or money already on its way back
        }
        for (int attempt = 1; ; attempt++) {
            OrderDO order = orders.order(payment.orderNo);
            try {
                switch (order.status) {
                    case PENDING_PAYMENT -> pay(order, payment, providerTxn);
                    case EXPIRED, CANCELLED -> payLate(order, payment, providerTxn);
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
        payments.failed(paymentId, LocalDateTime.now(clock));
    }

    /**
     * Cancels or expires an unpaid order after closing its payments at the provider.
     *
     * @return the order's status afterwards: {@code target}, or {@code PAID} when a payment had gone
     *     through after all
     */
    public OrderStatus closeUnpaid(String orderNo, OrderStatus target) {
        for (PaymentDO payment : payments.pending(orderNo)) {
            PaymentProvider provider = providers.of(payment.method);
            ProviderStatus status = provider.close(payment.paymentId);
            if (status == ProviderStatus.SUCCEEDED) {
                succeeded(payment.paymentId, null);
            } else if (status == ProviderStatus.FAILED) {
                failed(payment.paymentId);
            }
        }
        OrderDO order = orders.order(orderNo);
        if (order.status != OrderStatus.PENDING_PAYMENT) {
            return order.status;
        }
        try {
            transactions.close(orderNo, target);
            return target;
        } catch (ApiException e) {
            if (e.errorCode() != OrderErrorCode.ORDER_CHANGED) {
                throw e;
            }
            return orders.order(orderNo).status;
        }
    }

    private void pay(OrderDO order, PaymentDO payment, String providerTxn) {
        try {
            transactions.pay(order.orderNo, payment.paymentId, providerTxn);
        } catch (RuntimeException e) {
            if (!Inventory.isGone(e)) {
                throw e;
            }
            // inventory gave the places back at the hold's expiry before the order was expired here.
            log.info("Hold of order {} expired before its payment {}: paid late", order.orderNo, payment.paymentId);
            payLate(order, payment, providerTxn);
        }
    }

    private void payLate(OrderDO order, PaymentDO payment, String providerTxn) {
        try {
            transactions.payLate(order.orderNo, payment.paymentId, providerTxn);
            log.info("Late payment {} honoured: order {} is paid", payment.paymentId, order.orderNo);
        } catch (RuntimeException e) {
            if (orders.order(order.orderNo).status == order.status) {
                // Rolled back: give back what inventory may have admitted for the new hold.
                inventory.abandon(PaymentTransactions.lateHoldRef(order.orderNo), order.sessionId);
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
        // The decision is recorded first, with its event: a notice that comes again never honours the
        // payment after all, and a provider that fails now is asked again (retryRefunding).
        boolean decided = Boolean.TRUE.equals(local.execute(tx -> {
            boolean changed = payments.refunding(payment.paymentId, providerTxn, LocalDateTime.now(clock));
            if (changed) {
                outbox.append(
                        OrderEvents.PAYMENT_REFUNDED,
                        payment.orderNo,
                        new OrderEvents.PaymentRefunded(payment.orderNo, payment.paymentId, payment.amountFen, reason));
            }
            return changed;
        }));
        if (decided) {
            log.warn("Payment {} of order {} is refunded: {}", payment.paymentId, payment.orderNo, reason);
            payBack(payments.find(payment.paymentId));
        }
    }

    /** Asks the provider to pay back a payment decided to be refunded; it stays REFUNDING until it has. */
    private void payBack(PaymentDO payment) {
        try {
            providers.of(payment.method).refund(payment.paymentId, "RF" + payment.paymentId, payment.amountFen);
        } catch (RuntimeException e) {
            log.warn("Payment {} not paid back yet; asked again later: {}", payment.paymentId, e.toString());
            payments.askedAgainLater(payment.paymentId, LocalDateTime.now(clock));
            return;
        }
        payments.refunded(payment.paymentId, LocalDateTime.now(clock));
    }

    /** Payments decided to be refunded whose provider has not confirmed it (run by the expiry job). */
    void retryRefunding() {
        payments.refundingSince(LocalDateTime.now(clock).minusSeconds(30), 50).forEach(this::payBack);
    }

    private PaymentDO payment(String paymentId) {
        PaymentDO payment = payments.find(paymentId);
        if (payment == null) {
            throw new ApiException(OrderErrorCode.PAYMENT_NOT_FOUND, "No payment " + paymentId);
        }
        return payment;
    }
}
