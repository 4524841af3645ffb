package com.wuhou.ticketing.checkin.pass;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A paid ticket as gates see it.
 *
 * @param dayHash the visitor's document hashed with the visit day's key (offline packages); null for
 *     tickets sold before gates went offline-capable
 * @param entries entries a day the ticket allows
 * @param status {@code VALID} or {@code REFUNDED}
 */
public record TicketPass(
        String ticketId,
        String orderNo,
        long sessionId,
        LocalDate visitDate,
        LocalTime startTime,
        LocalTime endTime,
        String ticketType,
        int entries,
        String idHash,
        String dayHash,
        String visitorName,
        String status) {

    public static final String VALID = "VALID";
    public static final String REFUNDED = "REFUNDED";
}
