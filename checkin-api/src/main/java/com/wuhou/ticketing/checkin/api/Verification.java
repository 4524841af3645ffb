package com.wuhou.ticketing.checkin.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
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

    /**
     * Body of {@code POST /checkin/v1/verifications}: the QR text or an ID number, where, which way, and
     * when the gate scanned it ({@code gate} is where the device stands now: a handheld scanner moves).
     */
    public record Request(
            @NotBlank @Size(max = 512) String credential,
            @NotBlank @Size(max = 64) String gate,
            @NotNull @Pattern(regexp = "IN|OUT") String direction,
            @NotNull Instant scannedAt) {}

    /** The ticket as the gate shows it (the visitor's name masked). */
    public record Ticket(
            String ticketId, String type, LocalTime sessionStart, LocalTime sessionEnd, String visitorName) {}

    public static Verification accepted(Ticket ticket) {
        return new Verification(ACCEPTED, null, ticket);
    }

    public static Verification rejected(Reason reason, Ticket ticket) {
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
