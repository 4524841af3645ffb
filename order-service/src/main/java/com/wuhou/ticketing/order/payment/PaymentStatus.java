package com.wuhou.ticketing.order.payment;

import com.wuhou.ticketing.order.orders.Transitions;

/** The states of one attempt to pay an order. Every change of a payment's status goes through {@link #MOVES}. */
public enum PaymentStatus {
    PENDING,
    SUCCEEDED,
    FAILED,
    /** Closed at the provider before its order was closed unpaid. */
    CLOSED,
    /** Decided to be paid back (recorded before the provider is asked): never honoured again. */
    REFUNDING,
    REFUNDED;

    /** A provider may still report success after a failure or a close: money collected is never lost. */
    public static final Transitions<PaymentStatus> MOVES = new Transitions<>(PaymentStatus.class)
            .allow(PENDING, SUCCEEDED, FAILED, CLOSED, REFUNDING)
            .allow(FAILED, SUCCEEDED, REFUNDING)
            .allow(CLOSED, SUCCEEDED, REFUNDING)
            .allow(REFUNDING, REFUNDED);

    /** The payment is settled: paid, or its money is (on its way) back. */
    public boolean settled() {
        return this == SUCCEEDED || this == REFUNDING || this == REFUNDED;
    }
}
