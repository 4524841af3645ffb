package com.wuhou.ticketing.inventory.hold;

import com.wuhou.ticketing.inventory.InventoryErrorCode;
import com.wuhou.ticketing.inventory.InventoryProperties;
import com.wuhou.ticketing.inventory.api.Hold;
import com.wuhou.ticketing.inventory.api.Release;
import com.wuhou.ticketing.inventory.calendar.CalendarDay;
import com.wuhou.ticketing.inventory.hold.CapacityStore.Admission;
import com.wuhou.ticketing.inventory.session.Session;
import com.wuhou.ticketing.inventory.session.SessionService;
import com.wuhou.ticketing.inventory.tickettype.TicketType;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.Problems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Holds, sells and releases places. Order of steps: Redis admits (or refuses without touching
 * MySQL), then the ledger rows are written in one statement; if Redis lost the admission meanwhile
 * (flushed, or rebuilt from a ledger read before our insert), the hold is admitted again or undone, so
 * Redis never counts fewer places than the ledger holds. A hold is a reservation with an expiry (ADR
 * 0012): its taker confirms, releases or abandons it, and {@link HoldExpiry} gives back whatever is
 * still held past its expiry.
 */
@Service
public class HoldService {

    private final CapacityStore store;
    private final Ledger ledger;
    private final SessionService sessions;
    private final Reconciler reconciler;
    private final RecentCatalogue catalogue;
    private final Duration lifetimeMax;
    private final Duration lifetimeDefault;
    private final Clock clock;

    HoldService(
            CapacityStore store,
            Ledger ledger,
            SessionService sessions,
            Reconciler reconciler,
            RecentCatalogue catalogue,
            InventoryProperties properties,
            Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.sessions = sessions;
        this.reconciler = reconciler;
        this.catalogue = catalogue;
        this.lifetimeMax = properties.holdLifetimeMax();
        this.lifetimeDefault = properties.holdLifetimeDefault();
        this.clock = clock;
    }

    /** Holds the places, or answers why not. Holding again with the same ref returns the first hold. */
    public Hold hold(Hold request) {
        Session session = catalogue
                .session(request.sessionId())
                .orElseThrow(() ->
                        new ApiException(InventoryErrorCode.SESSION_NOT_FOUND, "No session " + request.sessionId()));
        CalendarDay day = catalogue.day(session.date());
        if (!day.open()) {
            throw new ApiException(InventoryErrorCode.SESSION_CLOSED, "The museum is closed on " + session.date());
        }
        if (!LocalDateTime.now(clock.withZone(Reconciler.MUSEUM))
                .isBefore(session.date().atTime(session.endTime()))) {
            throw new ApiException(InventoryErrorCode.SESSION_CLOSED, "The session has ended");
        }
        Map<String, TicketType> types = typesOnSale(request);
        LocalDateTime expiresAt = expiry(request.expiresAt());
        HoldKeys keys = new HoldKeys(session.date());
        List<String> ids = request.units().stream().map(Hold.Unit::idHash).toList();
        Admission admission = admit(keys, session, request.holdRef(), ids);
        if (admission == Admission.ALREADY_ADMITTED) {
            List<HoldUnitDO> written = ledger.units(request.holdRef());
            if (!written.isEmpty() && written.stream().allMatch(u -> HoldUnitDO.RELEASED.equals(u.state))) {
                // Released (or expired) while Redis still counts it. Redis is left alone: a release
                // inside a global transaction may still roll back; the reconciler drops the admission
                // of a fully released hold after its grace period.
                throw released(request.holdRef());
            }
            if (!written.isEmpty()) {
                return view(request.holdRef(), written, session);
            }
            // Admitted but not written: a first attempt of this same hold still writing, or one that
            // failed (its rows rolled back). The unique (hold, visitor) key lets only one of them write.
        }
        List<HoldUnitDO> rows = request.units().stream()
                .map(u -> row(request.holdRef(), session, u, types.get(u.ticketType()), expiresAt))
                .toList();
        // When the insert fails, the admission stays: another request of the same ref (the taker
        // asking again after a lost answer) may have found it and written the rows meanwhile, and
        // giving it back would let those places be sold twice. The reconciler drops an admission
        // without rows after its grace period.
        try {
            ledger.append(rows);
        } catch (DuplicateKeyException e) {
            List<HoldUnitDO> written = ledger.units(request.holdRef());
            if (!written.isEmpty() && written.stream().allMatch(u -> HoldUnitDO.RELEASED.equals(u.state))) {
                if (admission == Admission.ADMITTED) {
                    // We admitted afresh a ref whose old hold is released: give our admission back.
                    store.release(keys, request.holdRef(), List.of());
                }
                throw released(request.holdRef());
            }
            throw new ApiException(
                    InventoryErrorCode.HOLD_IN_PROGRESS,
                    "Hold " + request.holdRef() + " is being taken; ask again shortly");
        }
        if (!store.isAdmitted(keys, request.holdRef())) {
            // Redis lost our admission between the script and the insert: take the places again.
            Admission again = admit(keys, session, request.holdRef(), ids);
            if (again != Admission.ADMITTED && again != Admission.ALREADY_ADMITTED) {
                ledger.deleteHeld(request.holdRef());
                refuse(again);
            }
        }
        return view(request.holdRef(), rows, session);
    }

    /**
     * Paid: the held places become sold. Confirming again changes nothing; a hold with no place sold
     * after the move (released, or expired just before) is refused.
     */
    public Hold confirm(String holdRef) {
        // A locking read first: two settlements of one payment (its lock lost with Redis) would
        // otherwise both see the first one's SOLD, and the loser's rollback would put the winner's
        // places back to HELD under a paid order.
        if (ledger.unitsLocked(holdRef).isEmpty()) {
            throw new ApiException(InventoryErrorCode.HOLD_NOT_FOUND, "No hold " + holdRef);
        }
        ledger.move(holdRef, List.of(), HoldUnitDO.SOLD, HoldUnitDO.HELD);
        List<HoldUnitDO> units = units(holdRef);
        if (units.stream().noneMatch(u -> HoldUnitDO.SOLD.equals(u.state))) {
            throw released(holdRef);
        }
        return view(holdRef, units, sessions.find(units.get(0).sessionId).orElse(null));
    }

    /**
     * Cancelled, expired or refunded: the places go back on sale; all of them, or those of the given
     * visitors. The ledger moves first, so Redis never counts fewer places than the ledger holds. With
     * {@code inLedgerOnly} Redis is left alone: the caller is inside a global transaction and repeats
     * the release after its commit (then only Redis changes); if that never comes the reconciler drops
     * a fully released hold's admission once it is older than the grace period.
     */
    public Hold release(String holdRef, Release release, boolean inLedgerOnly) {
        List<HoldUnitDO> units = units(holdRef);
        List<String> ids = release == null || release.wholeHold() ? List.of() : release.idHashes();
        Set<String> known = units.stream().map(u -> u.idHash).collect(Collectors.toSet());
        for (String id : ids) {
            if (!known.contains(id)) {
                throw invalid("idHashes", "hold " + holdRef + " has no place for " + id);
            }
        }
        ledger.move(holdRef, ids, HoldUnitDO.RELEASED, HoldUnitDO.HELD, HoldUnitDO.SOLD);
        if (!inLedgerOnly) {
            store.release(new HoldKeys(units.get(0).visitDate), holdRef, ids);
        }
        return find(holdRef);
    }

    /**
     * Forgets a hold its taker made nothing of: its places still held are deleted from the ledger and
     * given back at the gate, so the same ref can be held afresh and the places are on sale at once.
     * An admission that never reached the ledger is given back whole. Sold places stay ({@code 409
     * HOLD_SOLD}); released ones are left to the reconciler (their taker may still be inside a global
     * transaction). Answers 404 when there was nothing to forget.
     */
    public void abandon(String holdRef, long sessionId) {
        Session session = sessions.find(sessionId)
                .orElseThrow(() -> new ApiException(InventoryErrorCode.SESSION_NOT_FOUND, "No session " + sessionId));
        Ledger.Abandoned abandoned = ledger.abandon(holdRef, sessionId);
        if (abandoned.sold()) {
            throw new ApiException(InventoryErrorCode.HOLD_SOLD, "Hold " + holdRef + " is sold; release it instead");
        }
        if (abandoned.sessionId() != null && abandoned.sessionId() != sessionId) {
            throw invalid("sessionId", "hold " + holdRef + " is in session " + abandoned.sessionId());
        }
        long given;
        if (!abandoned.written()) {
            given = store.release(new HoldKeys(session.date()), holdRef, List.of());
        } else if (abandoned.deleted().isEmpty()) {
            given = 0;
        } else {
            // After the rows: Redis never counts fewer places than the ledger holds.
            given = store.release(new HoldKeys(session.date()), holdRef, abandoned.deleted());
        }
        if (abandoned.deleted().isEmpty() && given == 0) {
            throw new ApiException(InventoryErrorCode.HOLD_NOT_FOUND, "No hold " + holdRef + " held");
        }
    }

    /**
     * Gives back the places of a hold still held past their expiry: the ledger first, then the
     * admission gate. Returns how many places were given back.
     */
    int expire(String holdRef) {
        List<HoldUnitDO> due = ledger.expire(holdRef, LocalDateTime.now(clock));
        if (due.isEmpty()) {
            return 0;
        }
        store.release(
                new HoldKeys(due.get(0).visitDate),
                holdRef,
                due.stream().map(u -> u.idHash).toList());
        return due.size();
    }

    /** Places taken on a date, for availability: the day's total and each session's. */
    public Taken taken(LocalDate date) {
        reconciler.ensureLoaded(date);
        Map<String, Long> used = store.used(new HoldKeys(date));
        return new Taken(
                used.getOrDefault(HoldKeys.DAY_FIELD, 0L),
                sessionId -> used.getOrDefault(HoldKeys.sessionField(sessionId), 0L));
    }

    /** Places taken on one date. */
    public record Taken(long day, LongFunction<Long> session) {}

    public Hold find(String holdRef) {
        List<HoldUnitDO> units = units(holdRef);
        return view(holdRef, units, sessions.find(units.get(0).sessionId).orElse(null));
    }

    private List<HoldUnitDO> units(String holdRef) {
        List<HoldUnitDO> units = ledger.units(holdRef);
        if (units.isEmpty()) {
            throw new ApiException(InventoryErrorCode.HOLD_NOT_FOUND, "No hold " + holdRef);
        }
        return units;
    }

    private Admission admit(HoldKeys keys, Session session, String ref, List<String> ids) {
        Admission admission = store.admit(keys, session.sessionId(), ref, ids);
        if (admission == Admission.CAPACITY_NOT_LOADED) {
            reconciler.reconcile(session.date());
            admission = store.admit(keys, session.sessionId(), ref, ids);
        }
        if (admission != Admission.ADMITTED && admission != Admission.ALREADY_ADMITTED) {
            refuse(admission);
        }
        return admission;
    }

    private static void refuse(Admission admission) {
        switch (admission) {
            case SOLD_OUT ->
                throw new ApiException(
                        InventoryErrorCode.SOLD_OUT, "Not enough places left in this session or on this day");
            case DAILY_LIMIT_REACHED ->
                throw new ApiException(
                        InventoryErrorCode.DAILY_LIMIT_REACHED, "A visitor already holds a ticket for this day");
            default -> throw new IllegalStateException("capacities of the date could not be loaded: " + admission);
        }
    }

    /** Checks the units and answers the ticket types on sale (each unit's type among them). */
    private Map<String, TicketType> typesOnSale(Hold request) {
        Set<String> seen = new HashSet<>();
        for (Hold.Unit unit : request.units()) {
            if (!seen.add(unit.idHash())) {
                throw invalid("units", "each visitor may appear once");
            }
        }
        Map<String, TicketType> types = catalogue.typesOnSale();
        for (Hold.Unit unit : request.units()) {
            if (!types.containsKey(unit.ticketType())) {
                throw invalid("units.ticketType", unit.ticketType() + " is not on sale");
            }
        }
        return types;
    }

    /** UTC, milliseconds as MySQL keeps them; refused when past or too far ahead. */
    private LocalDateTime expiry(Instant asked) {
        Instant now = clock.instant();
        Instant expiresAt = asked == null ? now.plus(lifetimeDefault) : asked;
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(lifetimeMax))) {
            throw invalid("expiresAt", "must be in the future and at most " + lifetimeMax + " ahead, was " + expiresAt);
        }
        return LocalDateTime.ofInstant(expiresAt, ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    private static ApiException released(String holdRef) {
        return new ApiException(InventoryErrorCode.HOLD_RELEASED, "Hold " + holdRef + " was released");
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(
                CommonErrorCode.VALIDATION_FAILED,
                message,
                Map.of(Problems.ERRORS, List.of(new Problems.FieldError(field, message))));
    }

    /** The hold is in the state of its places still taken: SOLD if any is sold, else HELD, else RELEASED. */
    private static Hold view(String holdRef, List<HoldUnitDO> units, Session session) {
        Set<String> states = units.stream().map(u -> u.state).collect(Collectors.toSet());
        String state = states.contains(HoldUnitDO.SOLD)
                ? Hold.SOLD
                : states.contains(HoldUnitDO.HELD) ? Hold.HELD : Hold.RELEASED;
        return new Hold(
                holdRef,
                units.get(0).sessionId,
                units.stream()
                        .map(u ->
                                new Hold.Unit(u.ticketType, u.idHash, u.priceFen.intValue(), u.entriesPerDay, u.state))
                        .toList(),
                state,
                session == null ? null : new Hold.Slot(session.date(), session.startTime(), session.endTime()),
                units.get(0).expiresAt == null ? null : units.get(0).expiresAt.toInstant(ZoneOffset.UTC));
    }

    private static HoldUnitDO row(
            String holdRef, Session session, Hold.Unit unit, TicketType type, LocalDateTime expiresAt) {
        HoldUnitDO row = new HoldUnitDO();
        row.holdRef = holdRef;
        row.sessionId = session.sessionId();
        row.visitDate = session.date();
        row.ticketType = unit.ticketType();
        row.priceFen = type.priceFen();
        row.entriesPerDay = type.entriesPerDay();
        row.state = HoldUnitDO.HELD;
        row.expiresAt = expiresAt;
        row.idHash = unit.idHash();
        return row;
    }
}
