package com.wuhou.ticketing.platform.outbox;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event as it travels in a stream: {@link OutboxRelay} writes these fields, {@link EventConsumer}
 * reads them.
 *
 * @param payload the event body as JSON, byte for byte as the producer wrote it
 */
public record StreamEvent(String eventId, String type, String aggregateId, Instant occurredAt, String payload) {

    /** The stream entry's fields. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("eventId", eventId);
        fields.put("type", type);
        fields.put("aggregateId", aggregateId);
        fields.put("occurredAt", occurredAt.toString());
        fields.put("payload", payload);
        return fields;
    }

    /** The event in a stream entry, or {@code null} when the entry is not one. */
    public static StreamEvent parse(Map<?, ?> fields) {
        Object id = fields.get("eventId");
        Object type = fields.get("type");
        Object payload = fields.get("payload");
        if (id == null || type == null || payload == null) {
            return null;
        }
        Object aggregate = fields.get("aggregateId");
        Object at = fields.get("occurredAt");
        Instant occurredAt;
        try {
            occurredAt = at == null ? null : Instant.parse(at.toString());
        } catch (DateTimeParseException e) {
            occurredAt = null;
        }
        return new StreamEvent(
                id.toString(),
                type.toString(),
                aggregate == null ? null : aggregate.toString(),
                occurredAt,
                payload.toString());
    }
}
