package com.wuhou.ticketing.order.api;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * Events order-service publishes (outbox, relayed to the Redis stream {@code events:order-service}).
 * Each stream entry carries {@code eventId}, {@code type}, {@code aggregateId} (the order number),
 * {@code occurredAt} and {@code payload} (one of the records below, as JSON). Delivery is at least
 * once: consumers skip event ids they have seen.
 */
public final class OrderEvents {

    public static final String ORDER_PAID = "OrderPaid";
    public static final String ORDER_CANCELLED = "OrderCancelled";
    public static final String ORDER_EXPIRED = "OrderExpired";
    public static final String TICKETS_REFUNDED = "TicketsRefunded";

    /** A late payment that could not be honoured (its places were sold meanwhile) and was refunded. */
    public static final String PAYMENT_REFUNDED = "PaymentRefunded";

    private OrderEvents() {}

    /**
     * One ticket as events describe it.
     *
     * @param idHash the keyed hash of the visitor's document (the per-ID rule and gates' ID look-up)
     * @param visitorName the visitor's name, masked ({@code 张*})
     * @param dayHash the document hashed with the visit day's key ({@link IdDocument#dayKey}), what
     *     offline gates match a typed number against
     * @param entries how many times a day the ticket may enter (its type's rule; 1 for most)
     */
    public record Ticket(
            String ticketId,
            String ticketType,
            long priceFen,
            String idHash,
            String visitorName,
            String dayHash,
            int entries) {}

    /** Payload of {@link #ORDER_PAID}: what gates need to admit its tickets. */
    public record OrderPaid(
            String orderNo,
            long sessionId,
            LocalDate visitDate,
            LocalTime startTime,
            LocalTime endTime,
            String channel,
            long totalFen,
            List<Ticket> tickets) {}

    /** Payload of {@link #ORDER_CANCELLED} and {@link #ORDER_EXPIRED}. */
    public record OrderClosed(String orderNo, long sessionId, LocalDate visitDate, int places) {}

    /** Payload of {@link #TICKETS_REFUNDED}. */
    public record TicketsRefunded(
            String orderNo,
            String refundId,
            long sessionId,
            LocalDate visitDate,
            long amountFen,
            List<Ticket> tickets) {}

    /** Payload of {@link #PAYMENT_REFUNDED}. */
    public record PaymentRefunded(String orderNo, String paymentId, long amountFen, String reason) {}
}
