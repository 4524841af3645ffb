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
import java.util.OptionalInt;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admits a ticket on its day: one {@code redemption} row per entry, numbered 1 to the ticket's
 * {@code entries}. The primary key makes each entry atomic across gates and instances: of two gates
 * taking the same entry, the second gets a duplicate key (after the first commits) and tries the next.
 * A redemption is published as {@code TicketRedeemed} in the same transaction (outbox).
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

    /** The entry taken, or empty when the ticket has used all of that day's entries. */
    @Transactional(propagation = Propagation.MANDATORY)
    public OptionalInt redeem(TicketPass pass, LocalDate day, Device device, String gate, Instant at, boolean offline) {
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
            return OptionalInt.of(entry);
        }
        return OptionalInt.empty();
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
