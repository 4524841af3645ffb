package com.wuhou.ticketing.platform.idempotency;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The {@code idempotency_record} table. Every method is one statement, in auto-commit (its own short
 * local transaction) except {@link #complete} when an action stores its answer in its own transaction.
 *
 * <p>Times are written as UTC {@link LocalDateTime}s, never converted by the driver, so that
 * {@code updated_at} read back compares equal when it is used to take over a record.
 */
class IdempotencyRecords {

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String DONE = "DONE";

    private static final String COLUMNS = "scope, idem_key, request_hash, reserved_id, state, response_status,"
            + " response_content_type, response_body, created_at, updated_at";

    private static final RowMapper<StoredRecord> ROW = (rs, n) -> new StoredRecord(
            rs.getString("scope"),
            rs.getString("idem_key"),
            rs.getString("request_hash"),
            rs.getString("reserved_id"),
            rs.getString("state"),
            (Integer) rs.getObject("response_status"),
            rs.getString("response_content_type"),
            rs.getString("response_body"),
            instant(rs.getObject("created_at", LocalDateTime.class)),
            instant(rs.getObject("updated_at", LocalDateTime.class)));

    private final JdbcTemplate jdbc;

    IdempotencyRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the key; false when a record for it exists already. */
    boolean insert(String scope, String key, String requestHash, String reservedId, Instant now) {
        try {
            jdbc.update(
                    "INSERT INTO idempotency_record (scope, idem_key, request_hash, reserved_id, state, created_at,"
                            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    scope,
                    key,
                    requestHash,
                    reservedId,
                    IN_PROGRESS,
                    utc(now),
                    utc(now));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<StoredRecord> find(String scope, String key) {
        List<StoredRecord> found = jdbc.query(
                "SELECT " + COLUMNS + " FROM idempotency_record WHERE scope = ? AND idem_key = ?", ROW, scope, key);
        return found.stream().findFirst();
    }

    /**
     * Takes over an abandoned request. Compares {@code updated_at} with the value the caller saw, so of
     * several callers that saw the same abandoned record exactly one wins.
     */
    boolean takeOver(String scope, String key, Instant seenUpdatedAt, Instant now) {
        return jdbc.update(
                        "UPDATE idempotency_record SET updated_at = ? WHERE scope = ? AND idem_key = ? AND state = ?"
                                + " AND updated_at = ?",
                        utc(now),
                        scope,
                        key,
                        IN_PROGRESS,
                        utc(seenUpdatedAt))
                == 1;
    }

    /** Stores the first answer; false when the record is no longer in progress (a taker finished first). */
    boolean complete(String scope, String key, StoredAnswer answer, Instant now) {
        return jdbc.update(
                        "UPDATE idempotency_record SET state = ?, response_status = ?, response_content_type = ?,"
                                + " response_body = ?, updated_at = ? WHERE scope = ? AND idem_key = ? AND state = ?",
                        DONE,
                        answer.status(),
                        answer.contentType(),
                        answer.body(),
                        utc(now),
                        scope,
                        key,
                        IN_PROGRESS)
                == 1;
    }

    /**
     * Marks a failed attempt as abandoned at once (unless another request has taken the record over
     * since {@code claimedAt}): the client's retry takes it over with the same reserved id, so it finds
     * whatever the failed attempt left behind (a hold under the same reference) instead of starting
     * anew beside it.
     */
    void release(String scope, String key, Instant claimedAt) {
        jdbc.update(
                "UPDATE idempotency_record SET updated_at = ? WHERE scope = ? AND idem_key = ? AND state = ?"
                        + " AND updated_at = ?",
                utc(ABANDONED),
                scope,
                key,
                IN_PROGRESS,
                utc(claimedAt));
    }

    /** The {@code updated_at} of a failed attempt: older than any in-progress timeout. */
    static final Instant ABANDONED = Instant.parse("2000-01-01T00:00:00Z");

    /** Deletes records created before {@code cutoff}, in small batches to keep each delete short. */
    int deleteCreatedBefore(Instant cutoff, int batchSize) {
        int total = 0;
        int deleted;
        do {
            deleted =
                    jdbc.update("DELETE FROM idempotency_record WHERE created_at < ? LIMIT ?", utc(cutoff), batchSize);
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    /** One row. */
    record StoredRecord(
            String scope,
            String key,
            String requestHash,
            String reservedId,
            String state,
            Integer responseStatus,
            String responseContentType,
            String responseBody,
            Instant createdAt,
            Instant updatedAt) {

        boolean done() {
            return DONE.equals(state);
        }
    }

    /** A first answer as stored: status, content type (null without a body) and body text. */
    record StoredAnswer(int status, String contentType, String body) {}
}
