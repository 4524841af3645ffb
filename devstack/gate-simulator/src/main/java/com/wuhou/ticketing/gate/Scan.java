package com.wuhou.ticketing.gate;

import com.wuhou.ticketing.checkin.api.Verification;

/**
 * A gate's answer to one scan.
 *
 * @param mode whether the platform answered or the gate decided from its offline package
 * @param result {@code ACCEPTED} or {@code REJECTED}
 * @param reason why it was rejected: a {@link Verification.Reason} name, or {@link Gate#NO_OFFLINE_PACKAGE}
 * @param ticketId the ticket, when the credential names one
 * @param visitorName the visitor's name as the platform shows it (masked), when known
 */
public record Scan(Mode mode, String result, String reason, String ticketId, String visitorName) {

    /** Who decided. */
    public enum Mode {
        ONLINE,
        OFFLINE
    }

    public boolean accepted() {
        return Verification.ACCEPTED.equals(result);
    }

    static Scan offlineAccepted(String ticketId, String visitorName) {
        return new Scan(Mode.OFFLINE, Verification.ACCEPTED, null, ticketId, visitorName);
    }

    static Scan offlineRejected(String reason, String ticketId, String visitorName) {
        return new Scan(Mode.OFFLINE, Verification.REJECTED, reason, ticketId, visitorName);
    }
}
