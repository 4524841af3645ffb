package com.wuhou.ticketing.platform.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One change as the trail keeps it.
 *
 * @param actor the operator's username (as the service verified its token), or {@code system}
 * @param before the state before, {@code null} for something created
 * @param after the state after, {@code null} for something removed
 */
public record AuditRecord(
        long id,
        Instant occurredAt,
        String actor,
        String action,
        String target,
        JsonNode before,
        JsonNode after,
        String requestId) {}
