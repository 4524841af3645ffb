package com.wuhou.ticketing.checkin.pass;

import com.wuhou.ticketing.checkin.api.Passes;
import com.wuhou.ticketing.order.api.OrderEvents;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.ErrorCode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.seata.core.context.RootContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Withdraws a refund's tickets from the gates before the refund is answered. The refund and the gates
 * meet on the pass row: a void locks it, finds no entry and marks it {@code REFUNDED}; an admission
 * ({@link com.wuhou.ticketing.checkin.verification.Redemptions}) locks the same row and refuses a
 * refunded ticket. So either the ticket entered and the refund is refused, or the refund holds and
 * no online gate admits it afterwards. The void runs in the refund's Seata global transaction (an AT
 * branch): if the refund rolls back, Seata restores the row and the ticket admits again.
 */
@Component
public class PassVoids {

    static final ErrorCode ALREADY_ENTERED =
            new ErrorCode(Passes.ALREADY_ENTERED, HttpStatus.CONFLICT, "The ticket has entered");
    static final ErrorCode BEING_REFUNDED =
            new ErrorCode(Passes.BEING_REFUNDED, HttpStatus.CONFLICT, "Another refund holds the ticket");

    private final TicketPasses passes;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    static final ErrorCode OUTSIDE_A_REFUND = new ErrorCode(
            "VOID_OUTSIDE_A_REFUND", HttpStatus.BAD_REQUEST, "A void belongs to a refund's global transaction");

    private final boolean seata;

    PassVoids(
            TicketPasses passes,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            Clock clock,
            @Value("${seata.enabled:true}") boolean seata) {
        this.seata = seata;
        this.passes = passes;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public void voidFor(Passes.VoidRequest request) {
        // Outside a refund's global transaction a void could never be undone: whoever sent it would
        // lock a ticket out of the gates and out of refunds for good.
        if (seata && !RootContext.inGlobalTransaction()) {
            throw new ApiException(OUTSIDE_A_REFUND, "Void tickets only inside a refund's global transaction");
        }
        List<String> ids = request.tickets().tickets().stream()
                .map(OrderEvents.Ticket::ticketId)
                .sorted() // one lock order for every void, so two never deadlock
                .toList();
        if (ids.isEmpty()) {
            return;
        }
        knowPasses(request.tickets());
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        transactions.executeWithoutResult(tx -> {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT ticket_id, status, refund_id FROM ticket_pass WHERE ticket_id IN (" + in + ")"
                            + " ORDER BY ticket_id FOR UPDATE",
                    ids.toArray());
            List<String> entered = jdbc.queryForList(
                    "SELECT DISTINCT ticket_id FROM redemption WHERE ticket_id IN (" + in + ")",
                    String.class,
                    ids.toArray());
            if (!entered.isEmpty()) {
                throw new ApiException(ALREADY_ENTERED, "Tickets " + entered + " have entered and cannot be refunded");
            }
            List<String> held = new ArrayList<>();
            List<String> valid = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                if (TicketPass.VALID.equals(row.get("status"))) {
                    valid.add((String) row.get("ticket_id"));
                } else if (!request.refundId().equals(row.get("refund_id"))) {
                    held.add((String) row.get("ticket_id"));
                }
            }
            if (!held.isEmpty()) {
                throw new ApiException(BEING_REFUNDED, "Tickets " + held + " are refunded or being refunded already");
            }
            LocalDateTime now = LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
            for (String id : valid) {
                jdbc.update(
                        "UPDATE ticket_pass SET status = ?, refund_id = ?, updated_at = ? WHERE ticket_id = ?",
                        TicketPass.REFUNDED,
                        request.refundId(),
                        now,
                        id);
            }
        });
    }

    /**
     * The tickets' passes exist before they are locked (the payment's event may still be on its way).
     * Written outside the refund's global transaction: a paid ticket is a fact whatever the refund does,
     * and Seata's undo must not delete a pass it did not create.
     */
    private void knowPasses(OrderEvents.OrderPaid paid) {
        String xid = RootContext.unbind();
        try {
            transactions.executeWithoutResult(tx -> passes.paid(paid));
        } finally {
            if (xid != null) {
                RootContext.bind(xid);
            }
        }
    }
}
