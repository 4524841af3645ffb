package com.wuhou.ticketing.inventory.hold;

import com.wuhou.ticketing.inventory.InventoryErrorCode;
import com.wuhou.ticketing.inventory.calendar.CalendarDay;
import com.wuhou.ticketing.inventory.session.Session;
import com.wuhou.ticketing.inventory.session.SessionService;
import com.wuhou.ticketing.platform.problem.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators raise or lower a session's capacity or a day's cap, never below what is sold or held
 * ({@link CapacityChanges}).
 */
@RestController
class CapacityController {

    private final SessionService sessions;
    private final CapacityChanges changes;
    private final Reconciler reconciler;

    CapacityController(SessionService sessions, CapacityChanges changes, Reconciler reconciler) {
        this.sessions = sessions;
        this.changes = changes;
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
        return changes.session(sessionId, change.capacity());
    }

    /** Opens or closes a day; a closed day sells nothing more and keeps what it sold. */
    @PutMapping("/admin/v1/calendar/{date}")
    CalendarDay put(
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @Valid @RequestBody DaySettings settings) {
        reconciler.ensureLoaded(date);
        return changes.day(date, settings.open(), settings.dailyCapacity());
    }
}
