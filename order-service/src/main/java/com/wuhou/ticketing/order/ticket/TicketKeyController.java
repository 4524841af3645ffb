package com.wuhou.ticketing.order.ticket;

import java.time.Duration;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The keys gates verify e-tickets with. Public: a key that only verifies may be shown to anyone. */
@RestController
class TicketKeyController {

    private final TicketSigner signer;

    TicketKeyController(TicketSigner signer) {
        this.signer = signer;
    }

    @GetMapping("/api/v1/ticket-keys")
    ResponseEntity<Keys> keys() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(new Keys(List.of(signer.published())));
    }

    /** Every key whose tickets are still valid (one until keys are rotated). */
    record Keys(List<TicketSigner.PublishedKey> keys) {}
}
