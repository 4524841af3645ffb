package com.wuhou.ticketing.inventory.hold;

import com.wuhou.ticketing.inventory.InventoryErrorCode;
import com.wuhou.ticketing.inventory.calendar.CalendarDay;
import com.wuhou.ticketing.inventory.calendar.CalendarService;
import com.wuhou.ticketing.inventory.session.Session;
import com.wuhou.ticketing.inventory.session.SessionService;
import com.wuhou.ticketing.platform.problem.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators raise or lower a session's capacity or a day's cap, never below what is sold or held.
 * The admission gate takes the new capacity first (atomically against concurrent buyers), then the
 * configuration row follows.
 */
@RestController
class CapacityController {

    private final SessionService sessions;
    private final CalendarService calendar;
    private final CapacityStore store;
    private final Reconciler reconciler;

    CapacityController(SessionService sessions, CalendarService calendar, CapacityStore store, Reconciler reconciler) {
        this.sessions = sessions;
        this.calendar = calendar;
        this.store = store;
        this.reconciler = reconciler;
    }

    record CapacityChange(@NotNull @Positive @Max(1_000_000) Integer capacity) {}

    /** Request body of {@code PUT /admin/v1/calendar/{date}}. */
    record DaySettings(
            @NotNull Boolean open,
            @NotNull @PositiveOrZero @Max(1_000_000) Integer dailyCapacity) {}

    @PatchMapping("/admin/v1/sessions/{sessionId}")
    Session change(@PathVariable long sessionId, @Valid @RequestBody CapacityChange change) {
        Session session = sessions.find(sessionId)
                .orElseThrow(() -> new ApiException(InventoryErrorCode.SESSION_NOT_FOUND, "No session " + sessionId));
        reconciler.ensureLoaded(session.date());
        refuseBelowTaken(store.resize(new HoldKeys(session.date()), sessionId, change.capacity()), "of this session");
        return sessions.changeCapacity(sessionId, change.capacity());
    }

    /** Opens or closes a day; a closed day sells nothing more and keeps what it sold. */
    @PutMapping("/admin/v1/calendar/{date}")
    CalendarDay put(
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @Valid @RequestBody DaySettings settings) {
        reconciler.ensureLoaded(date);
        refuseBelowTaken(store.resizeDay(new HoldKeys(date), settings.open(), settings.dailyCapacity()), "on " + date);
        return calendar.set(date, settings.open(), settings.dailyCapacity());
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
