package com.wuhou.ticketing.order.checkin;

import com.wuhou.ticketing.checkin.api.Passes;
import com.wuhou.ticketing.order.OrderErrorCode;
import com.wuhou.ticketing.order.api.OrderEvents;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.RemoteProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the gates (checkin-service) what they must know before a buyer could reach one: a refund
 * withdraws its tickets before it is answered, and a payment's tickets are known right after its
 * commit. The event stream says the same later and stays the record; these calls only make the gates
 * fresh (ADR 10).
 */
@Component
public class Checkin {

    private static final Logger log = LoggerFactory.getLogger(Checkin.class);

    private final CheckinClient client;

    Checkin(CheckinClient client) {
        this.client = client;
    }

    /**
     * Withdraws the tickets from every online gate, in the caller's global transaction (undone with
     * it). Refused when a ticket has entered or another refund holds it.
     */
    public void voidForRefund(String refundId, OrderEvents.OrderPaid tickets) {
        try {
            client.voidFor(new Passes.VoidRequest(refundId, tickets));
        } catch (RemoteProblemException e) {
            if (e.code().equals(Passes.ALREADY_ENTERED) || e.code().equals(Passes.BEING_REFUNDED)) {
                throw new ApiException(
                        OrderErrorCode.TICKET_NOT_REFUNDABLE,
                        e.code().equals(Passes.ALREADY_ENTERED)
                                ? "A ticket of this refund has entered the museum"
                                : "A ticket of this refund is being refunded already");
            }
            throw unavailable(e);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** Best effort, after the payment's commit: the gates know the tickets now, not when the event comes. */
    public void paid(OrderEvents.OrderPaid paid) {
        try {
            client.paid(paid);
        } catch (RuntimeException e) {
            log.warn("Gates not told of order {} now ({}); its event will tell them", paid.orderNo(), e.toString());
        }
    }

    private static ApiException unavailable(Exception cause) {
        log.warn("Gates unavailable for a refund: {}", cause.toString());
        ApiException e = new ApiException(
                CommonErrorCode.SERVICE_UNAVAILABLE,
                "Refunds cannot be checked at the gates right now; try again shortly");
        e.initCause(cause);
        return e;
    }
}
