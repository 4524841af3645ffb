package com.wuhou.ticketing.order.orders;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An order as its buyer sees it. Personal data is masked.
 *
 * @param orderToken the secret that reads and changes the order; only in the answer that created it
 * @param payDeadline until when the places are held for payment (museum-local offset)
 */
public record OrderView(
        String orderNo,
        String status,
        long sessionId,
        LocalDate visitDate,
        LocalTime startTime,
        LocalTime endTime,
        String contactPhone,
        long totalFen,
        OffsetDateTime payDeadline,
        String orderToken,
        List<TicketView> tickets,
        List<PaymentSummary> payments) {

    /** The same view carrying {@code token} (or none). */
    public OrderView withToken(String token) {
        return new OrderView(
                orderNo,
                status,
                sessionId,
                visitDate,
                startTime,
                endTime,
                contactPhone,
                totalFen,
                payDeadline,
                token,
                tickets,
                payments);
    }

    /** A payment attempt: {@code PENDING}, {@code SUCCEEDED}, {@code FAILED}, {@code CLOSED}, {@code REFUNDING} (being paid back) or {@code REFUNDED}. */
    public record PaymentSummary(String paymentId, String method, long amountFen, String status) {}

    /**
     * One ticket.
     *
     * @param credential the signed QR content, once paid
     */
    public record TicketView(
            String ticketId,
            String ticketType,
            long priceFen,
            String visitorName,
            String idType,
            String idNo,
            String status,
            String credential) {}
}
