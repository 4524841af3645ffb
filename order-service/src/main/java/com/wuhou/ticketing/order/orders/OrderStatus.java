package com.wuhou.ticketing.order.orders;

/**
 * The states of an order, as API.md names them, and the moves between them. Every change of an
 * order's status goes through {@link #MOVES}.
 */
public enum OrderStatus {
    PENDING_PAYMENT,
    PAID,
    PARTIALLY_USED,
    USED,
    CANCELLED,
    EXPIRED,
    PARTIALLY_REFUNDED,
    REFUNDED;

    public static final Transitions<OrderStatus> MOVES = new Transitions<>(OrderStatus.class)
            .allow(PENDING_PAYMENT, PAID, CANCELLED, EXPIRED)
            // A payment that arrives after the order closed is honoured when its places are still there.
            .allow(EXPIRED, PAID)
            .allow(CANCELLED, PAID)
            .allow(PAID, PARTIALLY_USED, USED, PARTIALLY_REFUNDED, REFUNDED)
            // A used ticket is never refunded: an order with one is never REFUNDED.
            .allow(PARTIALLY_USED, USED, PARTIALLY_REFUNDED)
            // Another refund of the same order keeps it PARTIALLY_REFUNDED until nothing is left valid.
            .allow(PARTIALLY_REFUNDED, PARTIALLY_REFUNDED, USED, REFUNDED);
}
