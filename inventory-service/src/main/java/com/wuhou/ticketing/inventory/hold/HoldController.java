package com.wuhou.ticketing.inventory.hold;

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

    @PostMapping("/internal/v1/holds")
    @ResponseStatus(HttpStatus.CREATED)
    Hold hold(@Valid @RequestBody Hold request) {
        return service.hold(request);
    }

    @GetMapping("/internal/v1/holds/{holdRef}")
    Hold find(@PathVariable String holdRef) {
        return service.find(holdRef);
    }

    @PostMapping("/internal/v1/holds/{holdRef}/confirmation")
    Hold confirm(@PathVariable String holdRef) {
        return service.confirm(holdRef);
    }

    @PostMapping("/internal/v1/holds/{holdRef}/release")
    Hold release(@PathVariable String holdRef) {
        return service.release(holdRef);
    }
}
