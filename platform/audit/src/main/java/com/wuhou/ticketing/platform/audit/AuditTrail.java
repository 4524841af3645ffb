package com.wuhou.ticketing.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.platform.access.Caller;
import com.wuhou.ticketing.platform.requestid.RequestId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes operator changes to the audit trail in the transaction of the change, so a change is
 * recorded exactly when it is committed. The actor is the caller this service verified itself (the
 * {@link Caller} of the request: an operator token's subject), never a header a caller could send.
 */
public class AuditTrail {

    /** The actor of changes made outside an operator's request (jobs, start-up). */
    public static final String SYSTEM = "system";

    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    AuditTrail(JdbcTemplate jdbc, ObjectMapper objectMapper, Clock clock) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /**
     * Records a change in the caller's transaction ({@code Propagation.MANDATORY}).
     *
     * @param action what was done, for example {@code session.capacity.change} (at most 64 characters)
     * @param target what it was done to, for example {@code session/42} (at most 128 characters)
     * @param before the state before (serialized as JSON), {@code null} when created
     * @param after the state after, {@code null} when removed
     * @throws IllegalTransactionStateException when no transaction is active
     */
    public void record(String action, String target, Object before, Object after) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "AuditTrail.record must run in the transaction of the change it records");
        }
        requireText("action", action, 64);
        requireText("target", target, 128);
        jdbc.update(
                "INSERT INTO audit_record (occurred_at, actor, action, target, before_json, after_json, request_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC),
                actor(),
                action,
                target,
                json(before),
                json(after),
                MDC.get(RequestId.MDC_KEY));
    }

    /** The newest records first, optionally of one target, older than {@code beforeId} when given. */
    public List<AuditRecord> newest(String target, Long beforeId, int limit) {
        StringBuilder sql =
                new StringBuilder("SELECT id, occurred_at, actor, action, target, before_json, after_json, request_id"
                        + " FROM audit_record WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (target != null) {
            sql.append(" AND target = ?");
            args.add(target);
        }
        if (beforeId != null) {
            sql.append(" AND id < ?");
            args.add(beforeId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(
                sql.toString(),
                (rs, row) -> new AuditRecord(
                        rs.getLong("id"),
                        instant(rs.getTimestamp("occurred_at")),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("target"),
                        tree(rs.getString("before_json")),
                        tree(rs.getString("after_json")),
                        rs.getString("request_id")),
                args.toArray());
    }

    private static String actor() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            if (servlet.getRequest().getAttribute(Caller.ATTRIBUTE) instanceof Caller caller) {
                return caller.name().length() > 64 ? caller.name().substring(0, 64) : caller.name();
            }
        }
        return SYSTEM;
    }

    private String json(Object state) {
        if (state == null) {
            return null;
        }
        try {
            return objectMapper.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize the audited state", e);
        }
    }

    private JsonNode tree(String json) {
        try {
            return json == null ? null : objectMapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit record holds invalid JSON", e);
        }
    }

    private static Instant instant(Timestamp utc) {
        return utc.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    private static void requireText(String name, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be 1 to " + maxLength + " characters: " + value);
        }
    }
}
