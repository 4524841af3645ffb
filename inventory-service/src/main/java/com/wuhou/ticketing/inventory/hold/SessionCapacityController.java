package com.wuhou.ticketing.inventory.hold;

import com.wuhou.ticketing.inventory.InventoryErrorCode;
import com.wuhou.ticketing.inventory.session.Session;
import com.wuhou.ticketing.inventory.session.SessionService;
import com.wuhou.ticketing.platform.problem.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.Map;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators raise or lower a session's capacity, never below what is sold or held. The admission
 * gate takes the new capacity first (atomically against concurrent buyers), then the configuration
 * row follows.
 */
@RestController
class SessionCapacityController {

    private final SessionService sessions;
    private final CapacityStore store;
    private final Reconciler reconciler;

    SessionCapacityController(SessionService sessions, CapacityStore store, Reconciler reconciler) {
        this.sessions = sessions;
        this.store = store;
        this.reconciler = reconciler;
    }

    record CapacityChange(@NotNull @Positive @Max(1_000_000) Integer capacity) {}

    @PatchMapping("/admin/v1/sessions/{sessionId}")
    Session change(@PathVariable long sessionId, @Valid @RequestBody CapacityChange change) {
        Session session = sessions.find(sessionId)
                .orElseThrow(() -> new ApiException(InventoryErrorCode.SESSION_NOT_FOUND, "No session " + sessionId));
        reconciler.ensureLoaded(session.date());
        long taken = store.resize(new HoldKeys(session.date()), sessionId, change.capacity());
        if (taken >= 0) {
            throw new ApiException(
                    InventoryErrorCode.CAPACITY_BELOW_TAKEN,
                    taken + " places of this session are sold or held; the capacity cannot go below that",
                    Map.of("taken", taken));
        }
        return sessions.changeCapacity(sessionId, change.capacity());
    }
}
