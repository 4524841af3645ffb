package com.wuhou.ticketing.checkin.verification;

import java.time.LocalTime;

/**
 * A gate's answer (API.md): {@code ACCEPTED}, or {@code REJECTED} with the reason. A rejection is an
 * answer, not an error.
 *
 * @param ticket the ticket the credential names, when it names one
 */
public record Verification(String result, String reason, Ticket ticket) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";

    /** The ticket as the gate shows it (the visitor's name masked). */
    public record Ticket(
            String ticketId, String type, LocalTime sessionStart, LocalTime sessionEnd, String visitorName) {}

    static Verification accepted(Ticket ticket) {
        return new Verification(ACCEPTED, null, ticket);
    }

    static Verification rejected(Reason reason, Ticket ticket) {
        return new Verification(REJECTED, reason.name(), ticket);
    }

    /** Why a gate says no. */
    public enum Reason {
        ALREADY_USED,
        NOT_TODAY,
        OUTSIDE_SESSION,
        REFUNDED,
        NOT_PAID,
        BAD_SIGNATURE,
        UNKNOWN,
        /** An OUT scan of a ticket that was not admitted today. */
        NOT_ADMITTED
    }
}
