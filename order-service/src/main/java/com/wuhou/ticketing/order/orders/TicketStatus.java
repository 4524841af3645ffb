package com.wuhou.ticketing.order.orders;

/** The states of a ticket and the moves between them. Every change of a ticket's status goes through {@link #MOVES}. */
public enum TicketStatus {
    /** Its order is not paid yet. */
    UNPAID,
    /** Admits its visitor. */
    VALID,
    USED,
    REFUNDED,
    /** Its order closed unpaid. */
    VOID;

    public static final Transitions<TicketStatus> MOVES = new Transitions<>(TicketStatus.class)
            .allow(UNPAID, VALID, VOID)
            .allow(VALID, USED, REFUNDED)
            // A late payment of a closed order whose places were still there.
            .allow(VOID, VALID);
}
