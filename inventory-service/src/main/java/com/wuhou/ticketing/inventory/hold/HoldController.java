package com.wuhou.ticketing.inventory.hold;

import com.wuhou.ticketing.inventory.api.Abandonment;
import com.wuhou.ticketing.inventory.api.Hold;
import com.wuhou.ticketing.inventory.api.HoldPaths;
import com.wuhou.ticketing.inventory.api.Release;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Holds for other services (order-service, channel-service). Under {@code /internal/}: the gateway
 * routes no public path here.
 */
@RestController
class HoldController {

    private final HoldService service;

    HoldController(HoldService service) {
        this.service = service;
    }

    @PostMapping(HoldPaths.HOLDS)
    @ResponseStatus(HttpStatus.CREATED)
    Hold hold(@Valid @RequestBody Hold request) {
        return service.hold(request);
    }

    @GetMapping(HoldPaths.HOLD)
    Hold find(@PathVariable String holdRef) {
        return service.find(holdRef);
    }

    @PostMapping(HoldPaths.CONFIRMATION)
    Hold confirm(@PathVariable String holdRef) {
        return service.confirm(holdRef);
    }

    /** The body is optional: without it (or with no hashes) the whole hold is released. */
    @PostMapping(HoldPaths.RELEASE)
    Hold release(@PathVariable String holdRef, @RequestBody(required = false) Release release) {
        return service.release(holdRef, release, false);
    }

    @PostMapping(HoldPaths.LEDGER_RELEASE)
    Hold releaseInLedger(@PathVariable String holdRef, @RequestBody(required = false) Release release) {
        return service.release(holdRef, release, true);
    }

    @PostMapping(HoldPaths.ABANDONMENT)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void abandon(@PathVariable String holdRef, @Valid @RequestBody Abandonment abandonment) {
        service.abandon(holdRef, abandonment.sessionId());
    }
}
