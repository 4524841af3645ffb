package com.wuhou.ticketing.checkin.pass;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A paid ticket as gates see it.
 *
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
        String idHash,
        String visitorName,
        String status) {

    public static final String VALID = "VALID";
    public static final String REFUNDED = "REFUNDED";
}
