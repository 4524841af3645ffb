package com.wuhou.ticketing.checkin.verification;

import com.wuhou.ticketing.checkin.api.AdmissionRule;
import com.wuhou.ticketing.checkin.api.CheckinEvents;
import com.wuhou.ticketing.checkin.api.Verification;
import com.wuhou.ticketing.checkin.device.Device;
import com.wuhou.ticketing.checkin.pass.TicketPass;
import com.wuhou.ticketing.order.api.Museum;
import com.wuhou.ticketing.platform.outbox.Outbox;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies the gates' {@link AdmissionRule} to a ticket with what the platform knows, and admits: one
 * {@code redemption} row per entry, numbered 1 to the ticket's {@code entries}, published as
 * {@code TicketRedeemed} in the same transaction (outbox). Every scan of a ticket first locks its pass
 * row, as a refund's void does ({@link com.wuhou.ticketing.checkin.pass.PassVoids}): scans of one
 * ticket at several gates, and a refund, take turns, so the rule always sees the latest entries, OUT
 * scans and refund, and none can slip in between its check and the entry. The primary key still
 * guards each entry.
 */
@Component
public class Redemptions {

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Clock clock;

    Redemptions(JdbcTemplate jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Why the ticket may not pass this gate now, or empty when it passed (an IN took its entry).
     *
     * @param now the museum's local time the rule judges by
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Verification.Reason> pass(
            TicketPass pass, Device device, String gate, boolean in, LocalDateTime now, Duration grace) {
        LocalDate day = now.toLocalDate();
        String status = lock(pass.ticketId());
        int taken = entriesTaken(pass.ticketId(), day);
        Integer inside = in ? null : insideHere(pass.ticketId(), device.area(), day);
        Optional<Verification.Reason> refusal = AdmissionRule.refusal(
                new AdmissionRule.Ticket(status, pass.visitDate(), pass.startTime(), pass.endTime(), pass.entries()),
                in,
                now,
                grace,
                new AdmissionRule.History(taken, inside));
        if (refusal.isPresent() || !in) {
            return refusal;
        }
        return redeem(pass, day, device, gate, clock.instant(), false)
                ? Optional.empty()
                : Optional.of(Verification.Reason.ALREADY_USED);
    }

    /**
     * Records an entry a gate made while offline: the visitor is in already, so only a ticket that can
     * never enter (refunded) or has no entry left that day is refused.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Verification.Reason> reportedIn(
            TicketPass pass, LocalDate day, Device device, String gate, Instant at) {
        if (!AdmissionRule.VALID.equals(lock(pass.ticketId()))) {
            return Optional.of(Verification.Reason.REFUNDED);
        }
        return redeem(pass, day, device, gate, at, true)
                ? Optional.empty()
                : Optional.of(Verification.Reason.ALREADY_USED);
    }

    /** Whether an OUT an offline gate reports matches an IN in that area (else it does not count). */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean insideForReportedOut(TicketPass pass, LocalDate day, Device device) {
        lock(pass.ticketId());
        return insideHere(pass.ticketId(), device.area(), day) > 0;
    }

    /**
     * The pass row locked; its status as committed now (a locking read waits for a void in progress).
     * Every later read of this scan sees what is committed from then on: the service runs READ
     * COMMITTED, and whoever writes a ticket's entries or scans holds this lock first.
     */
    private String lock(String ticketId) {
        return jdbc.queryForObject(
                "SELECT status FROM ticket_pass WHERE ticket_id = ? FOR UPDATE", String.class, ticketId);
    }

    private int entriesTaken(String ticketId, LocalDate day) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM redemption WHERE ticket_id = ? AND visit_date = ?",
                Integer.class,
                ticketId,
                Date.valueOf(day));
        return n == null ? 0 : n;
    }

    /** Accepted IN scans minus OUT scans of the ticket today in an area. */
    private int insideHere(String ticketId, String area, LocalDate day) {
        Integer n = jdbc.queryForObject(
                "SELECT COALESCE(SUM(CASE direction WHEN 'IN' THEN 1 ELSE -1 END), 0) FROM scan"
                        + " WHERE ticket_id = ? AND area = ? AND result = 'ACCEPTED' AND received_at >= ?",
                Integer.class,
                ticketId,
                area,
                LocalDateTime.ofInstant(day.atStartOfDay(Museum.ZONE).toInstant(), ZoneOffset.UTC));
        return n == null ? 0 : n;
    }

    /** Takes the next entry of the day; false when every entry is taken. */
    private boolean redeem(TicketPass pass, LocalDate day, Device device, String gate, Instant at, boolean offline) {
        Instant when = at.truncatedTo(ChronoUnit.MILLIS);
        for (int entry = 1; entry <= pass.entries(); entry++) {
            try {
                jdbc.update(
                        "INSERT INTO redemption (ticket_id, visit_date, entry, offline, device_id, gate, redeemed_at,"
                                + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        pass.ticketId(),
                        Date.valueOf(day),
                        entry,
                        offline,
                        device.deviceId(),
                        gate,
                        LocalDateTime.ofInstant(when, ZoneOffset.UTC),
                        LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
            } catch (DuplicateKeyException e) {
                continue;
            }
            outbox.append(
                    CheckinEvents.TICKET_REDEEMED,
                    pass.ticketId(),
                    new CheckinEvents.TicketRedeemed(
                            pass.ticketId(), pass.orderNo(), day, entry, gate, device.deviceId(), when, offline));
            return true;
        }
        return false;
    }
}
