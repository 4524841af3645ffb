package com.wuhou.ticketing.checkin.verification;

import com.wuhou.ticketing.checkin.api.CheckinEvents;
import com.wuhou.ticketing.checkin.device.Device;
import com.wuhou.ticketing.checkin.pass.TicketPass;
import com.wuhou.ticketing.platform.outbox.Outbox;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admits a ticket on its day: one {@code redemption} row per entry, numbered 1 to the ticket's
 * {@code entries}. The primary key makes each entry atomic across gates and instances: of two gates
 * taking the same entry, the second gets a duplicate key (after the first commits) and tries the next.
 * A redemption is published as {@code TicketRedeemed} in the same transaction (outbox). Each
 * attempt first locks the ticket's pass row, as a refund's void does ({@link
 * com.wuhou.ticketing.checkin.pass.PassVoids}): a ticket refunded a moment ago is refused, and a
 * refund cannot slip in between the check and the entry.
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

    /** What an attempt to admit came to. */
    public enum Outcome {
        ADMITTED,
        /** Every entry of that day is taken. */
        USED_UP,
        /** Refunded (or being refunded): no gate may admit it. */
        REFUNDED
    }

    /** Takes the next entry of the day, unless none is left or the ticket was refunded meanwhile. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome redeem(TicketPass pass, LocalDate day, Device device, String gate, Instant at, boolean offline) {
        // A locking read: it waits for a refund's void in progress and sees it once committed.
        String status = jdbc.queryForObject(
                "SELECT status FROM ticket_pass WHERE ticket_id = ? FOR UPDATE", String.class, pass.ticketId());
        if (!TicketPass.VALID.equals(status)) {
            return Outcome.REFUNDED;
        }
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
            return Outcome.ADMITTED;
        }
        return Outcome.USED_UP;
    }

    /** Whether the ticket entered at least once that day (an OUT scan needs an IN first). */
    public boolean entered(String ticketId, LocalDate day) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM redemption WHERE ticket_id = ? AND visit_date = ?",
                Integer.class,
                ticketId,
                Date.valueOf(day));
        return count != null && count > 0;
    }
}
