package com.wuhou.ticketing.order.refund;

import com.wuhou.ticketing.order.orders.Transitions;

/** The states of a refund: {@code PENDING} until the provider has paid the money back. */
public enum RefundStatus {
    PENDING,
    SUCCEEDED;

    public static final Transitions<RefundStatus> MOVES =
            new Transitions<>(RefundStatus.class).allow(PENDING, SUCCEEDED);
}
