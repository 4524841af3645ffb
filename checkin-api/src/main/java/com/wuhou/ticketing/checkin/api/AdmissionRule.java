package com.wuhou.ticketing.checkin.api;

import com.wuhou.ticketing.checkin.api.Verification.Reason;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Optional;

/**
 * The one rule a gate applies to a ticket it has found, online (checkin-service, with what the
 * platform knows) and offline (a gate with its package and its own journal): given the ticket, what
 * happened to it today and the museum's local time, let it through or say why not. Pure code, so
 * both sides decide alike.
 *
 * <ul>
 *   <li>OUT: only a ticket inside this gate's area, one OUT for each IN there ({@code NOT_ADMITTED}
 *       otherwise), whatever happened to the ticket since (a visitor inside is always let out). A
 *       side that cannot know who is inside (an offline gate) lets the visitor out.
 *   <li>IN: a refunded ticket is {@code REFUNDED}, any status but valid and refunded {@code UNKNOWN};
 *       only on its day ({@code NOT_TODAY}); within its session, with the entry grace either side
 *       ({@code OUTSIDE_SESSION}); while entries of the day are left ({@code ALREADY_USED}).
 * </ul>
 */
public final class AdmissionRule {

    public static final String VALID = "VALID";
    public static final String REFUNDED = "REFUNDED";

    /** The ticket as the rule needs it. */
    public record Ticket(
            String status, LocalDate visitDate, LocalTime sessionStart, LocalTime sessionEnd, int entries) {}

    /**
     * What happened to the ticket today, as the deciding side knows it.
     *
     * @param entriesTaken entries of the day already taken
     * @param insideHere accepted IN scans minus OUT scans today in the area of the scanning gate, or
     *     {@code null} when the deciding side cannot know
     */
    public record History(int entriesTaken, Integer insideHere) {}

    private AdmissionRule() {}

    /**
     * Why the ticket may not pass, or empty when it may.
     *
     * @param now the museum's local date and time
     * @param grace how long before its session starts and after it ends a ticket still enters
     */
    public static Optional<Reason> refusal(
            Ticket ticket, boolean in, LocalDateTime now, Duration grace, History history) {
        if (!in) {
            return history.insideHere() == null || history.insideHere() > 0
                    ? Optional.empty()
                    : Optional.of(Reason.NOT_ADMITTED);
        }
        if (REFUNDED.equals(ticket.status())) {
            return Optional.of(Reason.REFUNDED);
        }
        if (!VALID.equals(ticket.status())) {
            return Optional.of(Reason.UNKNOWN);
        }
        if (!ticket.visitDate().equals(now.toLocalDate())) {
            return Optional.of(Reason.NOT_TODAY);
        }
        LocalDateTime opens = ticket.visitDate().atTime(ticket.sessionStart()).minus(grace);
        LocalDateTime closes = ticket.visitDate().atTime(ticket.sessionEnd()).plus(grace);
        if (now.isBefore(opens) || now.isAfter(closes)) {
            return Optional.of(Reason.OUTSIDE_SESSION);
        }
        return history.entriesTaken() >= ticket.entries() ? Optional.of(Reason.ALREADY_USED) : Optional.empty();
    }
}
