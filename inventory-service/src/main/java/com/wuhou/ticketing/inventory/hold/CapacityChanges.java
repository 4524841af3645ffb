package com.wuhou.ticketing.inventory.hold;

import com.wuhou.ticketing.inventory.InventoryErrorCode;
import com.wuhou.ticketing.inventory.calendar.CalendarDay;
import com.wuhou.ticketing.inventory.calendar.CalendarService;
import com.wuhou.ticketing.inventory.session.Session;
import com.wuhou.ticketing.inventory.session.SessionService;
import com.wuhou.ticketing.platform.problem.ApiException;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An operator's capacity change, in one transaction: the row is changed (which locks it), then the
 * admission gate takes the new capacity (atomically against buyers) or refuses it below what is sold
 * or held, which rolls the row back; then the commit. A reconcile run reads capacities with shared
 * locks until its script has run, so it never rewrites the gate with anything but the committed value.
 */
@Service
class CapacityChanges {

    private final SessionService sessions;
    private final CalendarService calendar;
    private final CapacityStore store;

    CapacityChanges(SessionService sessions, CalendarService calendar, CapacityStore store) {
        this.sessions = sessions;
        this.calendar = calendar;
        this.store = store;
    }

    @Transactional
    Session session(long sessionId, int capacity) {
        Session changed = sessions.changeCapacity(sessionId, capacity);
        refuseBelowTaken(store.resize(new HoldKeys(changed.date()), sessionId, capacity), "of this session");
        return changed;
    }

    @Transactional
    CalendarDay day(LocalDate date, boolean open, int dailyCapacity) {
        CalendarDay changed = calendar.set(date, open, dailyCapacity);
        refuseBelowTaken(store.resizeDay(new HoldKeys(date), open, dailyCapacity), "on " + date);
        return changed;
    }

    private static void refuseBelowTaken(long taken, String where) {
        if (taken >= 0) {
            throw new ApiException(
                    InventoryErrorCode.CAPACITY_BELOW_TAKEN,
                    taken + " places " + where + " are sold or held; the capacity cannot go below that",
                    Map.of("taken", taken));
        }
    }
}
