package com.wuhou.ticketing.checkin.api;

import com.wuhou.ticketing.order.api.OrderEvents;

/**
 * What order-service tells gates at once rather than through its event stream (which waits out the
 * Seata settle delay): paid tickets right after the payment commits, and refunds before they are
 * answered. Paths under {@code /internal/}: the gateway routes no public path there.
 */
public final class Passes {

    /** {@code POST} an {@link OrderEvents.OrderPaid}: its tickets admissible now. {@code 204}; idempotent. */
    public static final String PASSES = "/internal/v1/passes";

    /**
     * {@code POST} a {@link VoidRequest}: from its commit on, no online gate admits these tickets; {@code 204}.
     * {@code 409} {@value #ALREADY_ENTERED} when one of them has entered (it cannot be refunded), or
     * {@value #BEING_REFUNDED} when another refund holds it. Inside the refund's global transaction:
     * undone with it.
     */
    public static final String VOIDS = PASSES + "/voids";

    public static final String ALREADY_ENTERED = "TICKET_ALREADY_ENTERED";
    public static final String BEING_REFUNDED = "TICKET_BEING_REFUNDED";

    /**
     * A refund's tickets, voided at the gates before the refund is answered.
     *
     * @param refundId the refund (a repeated void of the same refund changes nothing)
     * @param tickets the tickets, as their payment described them (gates may not have heard of it yet)
     */
    public record VoidRequest(String refundId, OrderEvents.OrderPaid tickets) {}

    private Passes() {}
}
