package com.wuhou.ticketing.inventory.hold;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives back places still held past their hold's expiry: the holds of takers that crashed or lost
 * track between their hold and their own write (ADR 0012). Safe on several instances at once: each
 * place is moved under a locking read, by one of them. Counts {@code inventory_holds_expired_places}.
 */
@Component
class HoldExpiry {

    private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);
    private static final int BATCH = 200;

    private final Ledger ledger;
    private final HoldService holds;
    private final Clock clock;
    private final Counter expired;

    HoldExpiry(Ledger ledger, HoldService holds, Clock clock, MeterRegistry meters) {
        this.ledger = ledger;
        this.holds = holds;
        this.clock = clock;
        this.expired = Counter.builder("inventory.holds.expired.places")
                .description("Places given back because their hold expired unconfirmed")
                .register(meters);
    }

    @Scheduled(
            initialDelayString = "${ticketing.inventory.expiry-interval:5s}",
            fixedDelayString = "${ticketing.inventory.expiry-interval:5s}")
    void run() {
        // Another batch only after a full one given back whole: failing holds wait for the next run.
        while (expireDue() == BATCH) {
            // next batch
        }
    }

    /** Returns how many holds were given back. */
    int expireDue() {
        int given = 0;
        var due = ledger.expiredHolds(LocalDateTime.now(clock), BATCH);
        for (String holdRef : due) {
            try {
                int places = holds.expire(holdRef);
                given++;
                if (places > 0) {
                    expired.increment(places);
                    log.info("Hold {} expired unconfirmed: {} places back on sale", holdRef, places);
                }
            } catch (RuntimeException e) {
                log.warn("Hold {} past its expiry not given back now: {}", holdRef, e.toString());
            }
        }
        return given;
    }
}
