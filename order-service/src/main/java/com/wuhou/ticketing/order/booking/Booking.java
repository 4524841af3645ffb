package com.wuhou.ticketing.order.booking;

import com.wuhou.ticketing.inventory.api.Hold;
import com.wuhou.ticketing.inventory.api.HoldErrors;
import com.wuhou.ticketing.order.FaultInjection;
import com.wuhou.ticketing.order.OrderErrorCode;
import com.wuhou.ticketing.order.OrderProperties;
import com.wuhou.ticketing.order.api.IdDocument;
import com.wuhou.ticketing.order.api.Museum;
import com.wuhou.ticketing.order.inventory.Inventory;
import com.wuhou.ticketing.order.inventory.InventoryRefusal;
import com.wuhou.ticketing.order.orders.OrderDO;
import com.wuhou.ticketing.order.orders.OrderRecords;
import com.wuhou.ticketing.order.orders.OrderRecoveryController;
import com.wuhou.ticketing.order.orders.OrderStatus;
import com.wuhou.ticketing.order.orders.OrderTokens;
import com.wuhou.ticketing.order.orders.OrderView;
import com.wuhou.ticketing.order.orders.Orders;
import com.wuhou.ticketing.order.orders.TicketDO;
import com.wuhou.ticketing.order.orders.TicketStatus;
import com.wuhou.ticketing.order.orders.VisitorKeys;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.Problems;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates an order: validates its visitors, takes their places, then writes the order: a reservation with an expiry, not a global
 * transaction (ADR 0012). Inventory holds the places until the pay deadline plus {@code hold-grace};
 * this side then writes the order and its tickets in one local transaction. The failure cases:
 * inventory refuses (nothing was taken, the buyer is told); the hold's answer is lost (asked once
 * more; then the buyer is told 503 and the hold is left to a retry or its expiry); the write fails
 * (the hold is abandoned at once, best effort); this process dies in between (a retry with the same
 * {@code Idempotency-Key} takes the same hold again, which answers the places already held, and writes
 * the order; without a retry the hold expires by itself). An order row therefore never exists
 * without its places being held or sold, except when inventory gave them back at the hold's expiry
 * first, which a payment then handles like a late one ({@code payment.Settlement}).
 */
@Component
public class Booking {

    static final String CHANNEL = "WEB";

    private final Inventory inventory;
    private final Orders orders;
    private final OrderRecords records;
    private final FaultInjection faults;
    private final TransactionTemplate local;
    private final VisitorKeys visitorKeys;
    private final OrderProperties properties;
    private final Clock clock;

    Booking(
            Inventory inventory,
            Orders orders,
            OrderRecords records,
            FaultInjection faults,
            TransactionTemplate local,
            VisitorKeys visitorKeys,
            OrderProperties properties,
            Clock clock) {
        this.inventory = inventory;
        this.orders = orders;
        this.records = records;
        this.faults = faults;
        this.local = local;
        this.visitorKeys = visitorKeys;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Validates the visitors, holds their places and writes the order, or answers why not.
     *
     * @param reservedId the id kept for this request's idempotency key: the order number is made from
     *     it, so a retry after a crash finds the order its first attempt made
     * @param fresh true when nothing can have been made under {@code reservedId} yet (a key claimed just
     *     now): the look for an earlier attempt's order is skipped
     * @param written called with the new order inside the transaction that writes it (the caller stores
     *     its idempotent answer there, so the two commit together)
     */
    public OrderView create(
            CreateOrderRequest request,
            String reservedId,
            boolean fresh,
            BiConsumer<OrderView, TransactionStatus> written) {
        List<IdDocument> documents = validate(request);
        String orderNo = "WH" + reservedId.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
        if (!fresh) {
            OrderDO existing = records.order(orderNo);
            if (existing != null) {
                return Orders.view(existing, records.tickets(orderNo), List.of(), orders.reissuedToken(orderNo));
            }
        }
        inventory.refuseIfRecentlySoldOut(request.sessionId(), documents.size());
        String token = orders.tokenOf(orderNo);
        OrderDO order = new OrderDO();
        order.orderNo = orderNo;
        order.channel = CHANNEL;
        order.sessionId = request.sessionId();
        order.contactPhone = request.contactPhone();
        // Milliseconds: what MySQL keeps, so the first answer and every later read agree.
        order.payDeadline =
                LocalDateTime.now(clock).plus(properties.payTimeout()).truncatedTo(ChronoUnit.MILLIS);
        order.tokenHash = OrderTokens.hash(token);
        order.holdRef = orderNo;
        byte[] key = visitorKeys.key();
        List<TicketDO> rows = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            CreateOrderRequest.Visitor visitor = request.visitors().get(i);
            IdDocument document = documents.get(i);
            TicketDO row = new TicketDO();
            row.ticketId = orderNo + "-" + (i + 1);
            row.orderNo = orderNo;
            row.ticketType = visitor.ticketType();
            row.visitorName = visitor.name().strip();
            row.idType = document.type().name();
            row.idMasked = document.masked();
            row.idHash = document.hash(key);
            row.document = document;
            rows.add(row);
        }
        try {
            book(order, rows, tx -> written.accept(Orders.view(order, rows, List.of(), token), tx));
        } catch (ApiException e) {
            if (e.errorCode().code().equals(HoldErrors.DAILY_LIMIT_REACHED)) {
                // Often the buyer's own first order, whose answer was lost: say how to find it.
                throw new ApiException(
                        e.errorCode(),
                        "A visitor in this order already holds a ticket for that day. If it is in an order of"
                                + " yours whose answer was lost, POST " + OrderRecoveryController.PATH
                                + " with that visitor's idType and idNo and the order's contact phone: the"
                                + " answer is the order with its order token",
                        Map.of("recovery", OrderRecoveryController.PATH));
            }
            throw e;
        }
        return Orders.view(order, rows, List.of(), token);
    }

    private List<IdDocument> validate(CreateOrderRequest request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        List<CreateOrderRequest.Visitor> visitors = request.visitors();
        if (visitors.size() > properties.maxVisitors()) {
            errors.add(new Problems.FieldError(
                    "visitors", "at most " + properties.maxVisitors() + " visitors in one order"));
        }
        LocalDate today = LocalDate.now(clock.withZone(Museum.ZONE));
        Map<IdDocument, Integer> seen = new HashMap<>();
        List<IdDocument> documents = new ArrayList<>();
        for (int i = 0; i < visitors.size(); i++) {
            CreateOrderRequest.Visitor visitor = visitors.get(i);
            IdDocument document = new IdDocument(IdDocument.Type.valueOf(visitor.idType()), visitor.idNo());
            String field = "visitors[" + i + "].idNo";
            document.problem(today).ifPresent(problem -> errors.add(new Problems.FieldError(field, problem)));
            Integer first = seen.putIfAbsent(document, i);
            if (first != null) {
                errors.add(new Problems.FieldError(field, "the same document as visitors[" + first + "]"));
            }
            documents.add(document);
        }
        if (!errors.isEmpty()) {
            throw new ApiException(
                    CommonErrorCode.VALIDATION_FAILED,
                    "One or more fields are invalid",
                    Map.of(Problems.ERRORS, errors));
        }
        return documents;
    }

    /**
     * Holds the places, then writes the order and its tickets at the prices inventory answered. Returns
     * normally once the order is written (also when the write answered with an error but its commit
     * went through); throws otherwise.
     */
    private void book(OrderDO order, List<TicketDO> rows, Consumer<TransactionStatus> written) {
        Hold hold = hold(Hold.request(
                order.holdRef,
                order.sessionId,
                rows.stream().map(t -> Hold.Unit.of(t.ticketType, t.idHash)).toList(),
                order.payDeadline.toInstant(ZoneOffset.UTC).plus(properties.holdGrace())));
        try {
            faults.at(FaultInjection.AFTER_HOLD);
            keepDeadlineInsideHold(order, hold);
            write(order, rows, hold, written);
        } catch (RuntimeException e) {
            boolean made;
            try {
                made = records.order(order.orderNo) != null;
            } catch (RuntimeException lookup) {
                // Not known whether the order was written: leave the hold to a retry or its expiry.
                e.addSuppressed(lookup);
                throw e;
            }
            if (made) {
                return; // the commit answered late or oddly, but the order is there
            }
            // The hold is written and no order stands on it: give its places back at once.
            inventory.abandon(order.holdRef, order.sessionId);
            throw e;
        }
    }

    /**
     * Takes the hold, asking once more when the first answer is not known (a time-out, a 5xx, the same
     * hold still being written): the hold is idempotent by its reference, so the second answer is the
     * places the first request took. It never abandons on an unknown outcome: the first request may
     * still write the places after the abandonment, which would then have nothing to give back. A hold
     * written after all is found by the buyer's retry with the same key, or given back at its expiry.
     */
    private Hold hold(Hold request) {
        Hold hold;
        try {
            hold = inventory.hold(request);
        } catch (InventoryRefusal e) {
            // Nothing was taken; a released hold is a retry of a creation that crashed long ago.
            throw Inventory.isGone(e) ? expired() : e;
        } catch (RuntimeException first) {
            try {
                hold = inventory.hold(request);
            } catch (RuntimeException again) {
                again.addSuppressed(first);
                throw again;
            }
        }
        if (!Hold.HELD.equals(hold.state())) {
            throw expired();
        }
        return hold;
    }

    /**
     * A retry holds the same reference and gets the first attempt's hold, with its expiry: the order's
     * deadline is the first attempt's and never outlives the hold, or the places could be sold again
     * before the buyer pays in time. Past it, the buyer is told to order again.
     */
    private void keepDeadlineInsideHold(OrderDO order, Hold hold) {
        if (hold.expiresAt() == null) {
            return;
        }
        LocalDateTime holdEnd = LocalDateTime.ofInstant(hold.expiresAt().minus(properties.holdGrace()), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MILLIS);
        if (holdEnd.isBefore(order.payDeadline)) {
            order.payDeadline = holdEnd;
        }
        if (!order.payDeadline.isAfter(LocalDateTime.now(clock))) {
            throw expired();
        }
    }

    /** A retry of a creation whose hold outlived its deadline or was given back. */
    private static ApiException expired() {
        return new ApiException(
                OrderErrorCode.ORDER_EXPIRED,
                "The places of this request were held until its payment deadline, which has passed;"
                        + " order again with a new Idempotency-Key");
    }

    private void write(OrderDO order, List<TicketDO> rows, Hold hold, Consumer<TransactionStatus> written) {
        Map<String, Hold.Unit> units =
                hold.units().stream().collect(Collectors.toMap(Hold.Unit::idHash, Function.identity()));
        LocalDateTime now = LocalDateTime.now(clock);
        long total = 0;
        byte[] dayKey = IdDocument.dayKey(visitorKeys.key(), hold.slot().date());
        for (TicketDO row : rows) {
            Hold.Unit unit = units.get(row.idHash);
            row.priceFen = unit.priceFen().longValue();
            row.dayHash = row.document.hash(dayKey);
            row.entries = unit.entriesPerDay() == null ? 1 : unit.entriesPerDay();
            row.status = TicketStatus.UNPAID;
            row.createdAt = now;
            row.updatedAt = now;
            total += row.priceFen;
        }
        order.visitDate = hold.slot().date();
        order.startTime = hold.slot().startTime();
        order.endTime = hold.slot().endTime();
        order.totalFen = total;
        order.status = OrderStatus.PENDING_PAYMENT;
        order.createdAt = now;
        order.updatedAt = now;
        faults.at(FaultInjection.AFTER_HOLD_CRASH);
        local.executeWithoutResult(tx -> {
            records.insert(order, rows);
            written.accept(tx);
        });
    }
}
