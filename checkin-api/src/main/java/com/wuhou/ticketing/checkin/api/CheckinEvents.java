package com.wuhou.ticketing.checkin.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Events checkin-service publishes (outbox, relayed to the Redis stream {@code events:checkin-service}),
 * with the same entry fields as order-service's: {@code eventId}, {@code type}, {@code aggregateId} (the
 * ticket id), {@code occurredAt}, {@code payload} (JSON). Delivery is at least once.
 */
public final class CheckinEvents {

    public static final String STREAM = "events:checkin-service";
    public static final String TICKET_REDEEMED = "TicketRedeemed";

    private CheckinEvents() {}

    /**
     * Payload of {@link #TICKET_REDEEMED}: a ticket went through a gate on its day.
     *
     * @param entry which entry of that day (1 for most tickets)
     * @param offline whether a gate admitted it offline (reported on upload)
     */
    public record TicketRedeemed(
            String ticketId,
            String orderNo,
            LocalDate visitDate,
            int entry,
            String gate,
            long deviceId,
            Instant redeemedAt,
            boolean offline) {}
}
