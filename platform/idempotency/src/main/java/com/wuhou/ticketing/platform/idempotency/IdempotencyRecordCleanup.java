package com.wuhou.ticketing.platform.idempotency;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;

/** Deletes records older than the retention; every instance may run it, deletes are harmless twice. */
class IdempotencyRecordCleanup {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRecordCleanup.class);
    private static final int BATCH_SIZE = 1000;

    private final IdempotencyRecords records;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyRecordCleanup(IdempotencyRecords records, IdempotencyProperties properties, Clock clock) {
        this.records = records;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${ticketing.idempotency.cleanup-interval:10m}",
            initialDelayString = "${ticketing.idempotency.cleanup-interval:10m}")
    void purgeExpired() {
        try {
            int deleted = records.deleteCreatedBefore(clock.instant().minus(properties.retention()), BATCH_SIZE);
            if (deleted > 0) {
                log.debug("Deleted {} expired idempotency records", deleted);
            }
        } catch (DataAccessException e) {
            // The database is away; the next run catches up.
            log.warn("Could not delete expired idempotency records: {}", e.toString());
        }
    }
}
