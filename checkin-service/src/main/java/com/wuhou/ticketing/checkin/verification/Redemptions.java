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
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Entries and what gates know about them: one {@code redemption} row per entry, numbered 1 to the
 * ticket's {@code entries}, published as {@code TicketRedeemed} in the same transaction (outbox).
 * Whoever writes a ticket's entries or scans first locks its pass row, as a refund's void does
 * ({@link com.wuhou.ticketing.checkin.pass.PassVoids}): scans of one ticket at several gates (and
 * instances), and a refund, take turns, so a decision always sees the latest entries, OUT scans and
 * refund, and none can slip in between its check and the entry. The primary key still guards each
 * entry.
 */
@Component
public class Redemptions {

    /** An entry a ticket takes: its redemption row and its event. */
    record Entry(TicketPass pass, LocalDate day, int entry, Device device, String gate, Instant at, boolean offline) {}

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Clock clock;

    Redemptions(JdbcTemplate jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Records an entry a gate made while offline: the visitor is in already, so only a ticket that can
     * never enter (refunded) or has no entry left that day is refused.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Verification.Reason> reportedIn(
            TicketPass pass, LocalDate day, Device device, String gate, Instant at) {
        List<String> id = List.of(pass.ticketId());
        if (!AdmissionRule.VALID.equals(lock(id).get(pass.ticketId()))) {
            return Optional.of(Verification.Reason.REFUNDED);
        }
        OptionalInt entry = nextEntry(entriesTaken(id, day).getOrDefault(pass.ticketId(), Set.of()), pass.entries());
        if (entry.isEmpty()) {
            return Optional.of(Verification.Reason.ALREADY_USED);
        }
        recordAll(List.of(new Entry(pass, day, entry.getAsInt(), device, gate, at, true)));
        return Optional.empty();
    }

    /** Whether an OUT an offline gate reports matches an IN in that area (else it does not count). */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean insideForReportedOut(TicketPass pass, LocalDate day, Device device) {
        List<String> id = List.of(pass.ticketId());
        lock(id);
        return inside(id, day).getOrDefault(pass.ticketId(), Map.of()).getOrDefault(device.area(), 0) > 0;
    }

    /**
     * The pass rows locked, with their status as committed now (a locking read waits for a void in
     * progress). One statement in ticket order, as voids lock: two writers never deadlock on passes.
     * Every later read of the caller sees what is committed from then on: the service runs READ
     * COMMITTED.
     *
     * @param ticketIds sorted, distinct
     */
    Map<String, String> lock(List<String> ticketIds) {
        Map<String, String> status = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return status;
        }
        jdbc.query(
                "SELECT ticket_id, status FROM ticket_pass WHERE ticket_id IN (" + marks(ticketIds.size()) + ")"
                        + " ORDER BY ticket_id FOR UPDATE",
                rs -> {
                    status.put(rs.getString(1), rs.getString(2));
                },
                ticketIds.toArray());
        return status;
    }

    /** The entry numbers each ticket has taken that day (tickets without any are absent). */
    Map<String, Set<Integer>> entriesTaken(List<String> ticketIds, LocalDate day) {
        Map<String, Set<Integer>> taken = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return taken;
        }
        List<Object> args = new ArrayList<>(ticketIds);
        args.add(Date.valueOf(day));
        jdbc.query(
                "SELECT ticket_id, entry FROM redemption WHERE ticket_id IN (" + marks(ticketIds.size()) + ")"
                        + " AND visit_date = ?",
                rs -> {
                    taken.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getInt(2));
                },
                args.toArray());
        return taken;
    }

    /** Per ticket and area, accepted IN scans minus OUT scans that day. */
    Map<String, Map<String, Integer>> inside(List<String> ticketIds, LocalDate day) {
        Map<String, Map<String, Integer>> inside = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return inside;
        }
        List<Object> args = new ArrayList<>(ticketIds);
        args.add(LocalDateTime.ofInstant(day.atStartOfDay(Museum.ZONE).toInstant(), ZoneOffset.UTC));
        jdbc.query(
                "SELECT ticket_id, area, SUM(CASE direction WHEN 'IN' THEN 1 ELSE -1 END) FROM scan"
                        + " WHERE ticket_id IN (" + marks(ticketIds.size()) + ") AND result = 'ACCEPTED'"
                        + " AND received_at >= ? GROUP BY ticket_id, area",
                rs -> {
                    inside.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(rs.getString(2), rs.getInt(3));
                },
                args.toArray());
        return inside;
    }

    /** The lowest entry number not taken yet, or empty when all {@code entries} are. */
    static OptionalInt nextEntry(Set<Integer> taken, int entries) {
        for (int entry = 1; entry <= entries; entry++) {
            if (!taken.contains(entry)) {
                return OptionalInt.of(entry);
            }
        }
        return OptionalInt.empty();
    }

    /** The entries' redemption rows and events, each with one multi-row insert. */
    void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        LocalDateTime recorded = utc(clock.instant());
        List<Object> args = new ArrayList<>(entries.size() * 8);
        List<Outbox.Event> events = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            Instant when = e.at().truncatedTo(ChronoUnit.MILLIS);
            TicketPass pass = e.pass();
            args.addAll(List.of(
                    pass.ticketId(),
                    Date.valueOf(e.day()),
                    e.entry(),
                    e.offline(),
                    e.device().deviceId(),
                    e.gate(),
                    utc(when),
                    recorded));
            events.add(new Outbox.Event(
                    CheckinEvents.TICKET_REDEEMED,
                    pass.ticketId(),
                    new CheckinEvents.TicketRedeemed(
                            pass.ticketId(),
                            pass.orderNo(),
                            e.day(),
                            e.entry(),
                            e.gate(),
                            e.device().deviceId(),
                            when,
                            e.offline())));
        }
        jdbc.update(
                "INSERT INTO redemption (ticket_id, visit_date, entry, offline, device_id, gate, redeemed_at,"
                        + " recorded_at) VALUES "
                        + String.join(", ", Collections.nCopies(entries.size(), "(?, ?, ?, ?, ?, ?, ?, ?)")),
                args.toArray());
        outbox.appendAll(events);
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
