package com.wuhou.ticketing.inventory.hold;

import com.wuhou.ticketing.inventory.InventoryErrorCode;
import com.wuhou.ticketing.inventory.calendar.CalendarDay;
import com.wuhou.ticketing.inventory.calendar.CalendarService;
import com.wuhou.ticketing.inventory.hold.CapacityStore.Admission;
import com.wuhou.ticketing.inventory.session.Session;
import com.wuhou.ticketing.inventory.session.SessionService;
import com.wuhou.ticketing.inventory.tickettype.TicketType;
import com.wuhou.ticketing.inventory.tickettype.TicketTypeService;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.Problems;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Holds, sells and releases places. Order of steps: Redis admits (or refuses without touching
 * MySQL), then the ledger rows are written; if Redis lost the admission meanwhile (flushed, or
 * rebuilt from a ledger read before our insert), the hold is admitted again or undone, so Redis never
 * counts fewer places than the ledger holds.
 */
@Service
public class HoldService {

    private final CapacityStore store;
    private final Ledger ledger;
    private final SessionService sessions;
    private final CalendarService calendar;
    private final TicketTypeService ticketTypes;
    private final Reconciler reconciler;

    HoldService(
            CapacityStore store,
            Ledger ledger,
            SessionService sessions,
            CalendarService calendar,
            TicketTypeService ticketTypes,
            Reconciler reconciler) {
        this.store = store;
        this.ledger = ledger;
        this.sessions = sessions;
        this.calendar = calendar;
        this.ticketTypes = ticketTypes;
        this.reconciler = reconciler;
    }

    /** Holds the places, or answers why not. Holding again with the same ref returns the first hold. */
    public Hold hold(Hold request) {
        Session session = sessions.find(request.sessionId())
                .orElseThrow(() ->
                        new ApiException(InventoryErrorCode.SESSION_NOT_FOUND, "No session " + request.sessionId()));
        CalendarDay day = calendar.day(session.date());
        if (!day.open()) {
            throw new ApiException(InventoryErrorCode.SESSION_CLOSED, "The museum is closed on " + session.date());
        }
        validate(request);
        HoldKeys keys = new HoldKeys(session.date());
        List<String> ids = request.units().stream().map(Hold.Unit::idHash).toList();
        Admission admission = admit(keys, session, request.holdRef(), ids);
        if (admission == Admission.ALREADY_ADMITTED) {
            return admittedBefore(request.holdRef());
        }
        List<HoldUnitDO> rows = request.units().stream()
                .map(u -> row(request.holdRef(), session, u))
                .toList();
        try {
            ledger.append(rows);
        } catch (RuntimeException e) {
            store.release(keys, request.holdRef());
            throw e;
        }
        if (!store.isAdmitted(keys, request.holdRef())) {
            // Redis lost our admission between the script and the insert: take the places again.
            Admission again = admit(keys, session, request.holdRef(), ids);
            if (again != Admission.ADMITTED && again != Admission.ALREADY_ADMITTED) {
                ledger.delete(request.holdRef());
                refuse(again);
            }
        }
        return new Hold(request.holdRef(), session.sessionId(), request.units(), HoldUnitDO.HELD);
    }

    /** Paid: the held places become sold. */
    public Hold confirm(String holdRef) {
        Hold hold = find(holdRef);
        if (HoldUnitDO.RELEASED.equals(hold.state())) {
            throw new ApiException(InventoryErrorCode.HOLD_RELEASED, "Hold " + holdRef + " was released");
        }
        ledger.move(holdRef, HoldUnitDO.SOLD, HoldUnitDO.HELD);
        return withState(hold, HoldUnitDO.SOLD);
    }

    /** Cancelled, expired or refunded: the places go back on sale. */
    public Hold release(String holdRef) {
        List<HoldUnitDO> units = ledger.units(holdRef);
        if (units.isEmpty()) {
            throw new ApiException(InventoryErrorCode.HOLD_NOT_FOUND, "No hold " + holdRef);
        }
        ledger.move(holdRef, HoldUnitDO.RELEASED, HoldUnitDO.HELD, HoldUnitDO.SOLD);
        store.release(new HoldKeys(units.get(0).visitDate), holdRef);
        return withState(view(holdRef, units), HoldUnitDO.RELEASED);
    }

    /** Places taken on a date, for availability: the day's total and each session's. */
    public Taken taken(LocalDate date) {
        reconciler.ensureLoaded(date);
        Map<String, Long> used = store.used(new HoldKeys(date));
        return new Taken(
                used.getOrDefault("day", 0L), sessionId -> used.getOrDefault(HoldKeys.sessionField(sessionId), 0L));
    }

    /** Places taken on one date. */
    public record Taken(long day, LongFunction<Long> session) {}

    public Hold find(String holdRef) {
        List<HoldUnitDO> units = ledger.units(holdRef);
        if (units.isEmpty()) {
            throw new ApiException(InventoryErrorCode.HOLD_NOT_FOUND, "No hold " + holdRef);
        }
        return view(holdRef, units);
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

    private void validate(Hold request) {
        Set<String> seen = new HashSet<>();
        for (Hold.Unit unit : request.units()) {
            if (!seen.add(unit.idHash())) {
                throw invalid("units", "each visitor may appear once");
            }
        }
        Set<String> onSale = ticketTypes.onSale().stream().map(TicketType::code).collect(Collectors.toSet());
        for (Hold.Unit unit : request.units()) {
            if (!onSale.contains(unit.ticketType())) {
                throw invalid("units.ticketType", unit.ticketType() + " is not on sale");
            }
        }
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(
                CommonErrorCode.VALIDATION_FAILED,
                message,
                Map.of(Problems.ERRORS, List.of(new Problems.FieldError(field, message))));
    }

    /** The hold a repeated request refers to; its first request may still be writing the ledger. */
    private Hold admittedBefore(String holdRef) {
        List<HoldUnitDO> units = ledger.units(holdRef);
        if (units.isEmpty()) {
            throw new ApiException(
                    InventoryErrorCode.HOLD_IN_PROGRESS, "Hold " + holdRef + " is being taken; ask again shortly");
        }
        return view(holdRef, units);
    }

    private static Hold withState(Hold hold, String state) {
        return new Hold(hold.holdRef(), hold.sessionId(), hold.units(), state);
    }

    private static Hold view(String holdRef, List<HoldUnitDO> units) {
        String state = units.stream().map(u -> u.state).distinct().count() == 1 ? units.get(0).state : HoldUnitDO.HELD;
        return new Hold(
                holdRef,
                units.get(0).sessionId,
                units.stream().map(u -> new Hold.Unit(u.ticketType, u.idHash)).toList(),
                state);
    }

    private static HoldUnitDO row(String holdRef, Session session, Hold.Unit unit) {
        HoldUnitDO row = new HoldUnitDO();
        row.holdRef = holdRef;
        row.sessionId = session.sessionId();
        row.visitDate = session.date();
        row.ticketType = unit.ticketType();
        row.idHash = unit.idHash();
        return row;
    }
}
