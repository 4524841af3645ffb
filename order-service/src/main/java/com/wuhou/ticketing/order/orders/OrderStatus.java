package com.wuhou.ticketing.order.orders;

/** The states of an order, as API.md names them. */
public final class OrderStatus {

    public static final String PENDING_PAYMENT = "PENDING_PAYMENT";
    public static final String PAID = "PAID";
    public static final String PARTIALLY_USED = "PARTIALLY_USED";
    public static final String USED = "USED";
    public static final String CANCELLED = "CANCELLED";
    public static final String EXPIRED = "EXPIRED";
    public static final String PARTIALLY_REFUNDED = "PARTIALLY_REFUNDED";
    public static final String REFUNDED = "REFUNDED";

    /** Ticket states: not yet paid, valid for entry, used, refunded, or void with its unpaid order. */
    public static final String TICKET_UNPAID = "UNPAID";

    public static final String TICKET_VALID = "VALID";
    public static final String TICKET_USED = "USED";
    public static final String TICKET_REFUNDED = "REFUNDED";
    public static final String TICKET_VOID = "VOID";

    private OrderStatus() {}
}
