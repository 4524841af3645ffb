package com.wuhou.ticketing.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends events to the outbox in the caller's transaction, so an event exists exactly when the change
 * it describes was committed. {@link OutboxRelay} then writes it to the Redis stream, at least once.
 *
 * <p>Seata AT: a branch commits its local transaction before the global outcome is known, and a
 * global rollback deletes the row again, possibly after the relay sent it. Events appended inside a
 * global transaction can therefore reach consumers for a change that is later undone; append them
 * after the global transaction has committed, or make consumers re-read the aggregate.
 */
public class Outbox {

    static final int MAX_TYPE_LENGTH = 100;
    static final int MAX_AGGREGATE_ID_LENGTH = 100;

    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    Outbox(JdbcTemplate jdbc, ObjectMapper objectMapper, Clock clock) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /** An event to append: its type, the id of what changed, and the body. */
    public record Event(String type, String aggregateId, Object payload) {}

    /**
     * Appends an event in the caller's transaction ({@code Propagation.MANDATORY}: outside a
     * transaction it throws, as an event written on its own could describe a change that never happened).
     *
     * @param type the event type, for example {@code "OrderPaid"} (at most 100 characters)
     * @param aggregateId the id of what changed, for example the order number (at most 100 characters)
     * @param payload the event body, serialized with the application's {@link ObjectMapper}
     * @return the event id (a UUID), also sent as {@code eventId}; consumers dedupe by it
     * @throws IllegalTransactionStateException when no transaction is active
     */
    public String append(String type, String aggregateId, Object payload) {
        return appendAll(List.of(new Event(type, aggregateId, payload))).get(0);
    }

    /**
     * Appends several events with one multi-row insert, in the caller's transaction, as {@link #append}
     * does (a writer that groups many changes into one transaction saves a statement per event).
     *
     * @return the event ids, in the order of {@code events}
     * @throws IllegalTransactionStateException when no transaction is active
     */
    public List<String> appendAll(List<Event> events) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "Outbox.append must run in the transaction of the change it describes (Propagation.MANDATORY)");
        }
        if (events.isEmpty()) {
            return List.of();
        }
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        List<String> ids = new ArrayList<>(events.size());
        List<Object> args = new ArrayList<>(events.size() * 5);
        for (Event event : events) {
            requireText("type", event.type(), MAX_TYPE_LENGTH);
            requireText("aggregateId", event.aggregateId(), MAX_AGGREGATE_ID_LENGTH);
            String eventId = UUID.randomUUID().toString();
            ids.add(eventId);
            args.addAll(List.of(eventId, event.type(), event.aggregateId(), serialize(event.payload()), now));
        }
        jdbc.update(
                "INSERT INTO outbox_event (event_id, event_type, aggregate_id, payload, occurred_at) VALUES "
                        + String.join(", ", Collections.nCopies(events.size(), "(?, ?, ?, ?, ?)")),
                args.toArray());
        return ids;
    }

    private String serialize(Object payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize the event payload", e);
        }
    }

    private static void requireText(String name, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be 1 to " + maxLength + " characters: " + value);
        }
    }
}
