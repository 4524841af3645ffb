package com.wuhou.ticketing.inventory.hold;

import com.wuhou.ticketing.inventory.CapacityChanged;
import com.wuhou.ticketing.inventory.InventoryProperties;
import com.wuhou.ticketing.inventory.calendar.CalendarDay;
import com.wuhou.ticketing.inventory.calendar.CalendarService;
import com.wuhou.ticketing.inventory.session.Session;
import com.wuhou.ticketing.inventory.session.SessionService;
import com.wuhou.ticketing.inventory.tickettype.TicketType;
import com.wuhou.ticketing.inventory.tickettype.TicketTypeService;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sessions, calendar days and prices as a hold reads them, each kept for a moment
 * ({@code ticketing.inventory.catalogue-cache}, 1 s): every hold needs all three, and they change
 * only when an operator edits them. Capacity is not among them (the Redis gate holds it), so a stale
 * entry can let a hold through for at most that moment with an old price or type, never oversell.
 */
@Component
class RecentCatalogue {

    private final SessionService sessions;
    private final CalendarService calendar;
    private final TicketTypeService ticketTypes;
    private final long ttlNanos;
    private final Map<Object, Entry<?>> entries = new ConcurrentHashMap<>();

    RecentCatalogue(
            SessionService sessions,
            CalendarService calendar,
            TicketTypeService ticketTypes,
            InventoryProperties properties) {
        this.sessions = sessions;
        this.calendar = calendar;
        this.ticketTypes = ticketTypes;
        this.ttlNanos = properties.catalogueCache().toNanos();
    }

    Optional<Session> session(long sessionId) {
        return recent("session:" + sessionId, () -> sessions.find(sessionId));
    }

    CalendarDay day(LocalDate date) {
        return recent("day:" + date, () -> calendar.day(date));
    }

    /** The ticket types on sale (price and entry rule), by code. */
    Map<String, TicketType> typesOnSale() {
        return recent(
                "types",
                () -> ticketTypes.onSale().stream()
                        .collect(Collectors.toUnmodifiableMap(TicketType::code, Function.identity())));
    }

    /**
     * This instance sees its own operators' changes as soon as they are committed (cleared any earlier,
     * a hold could cache the row as it was); other instances within the moment.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void onCapacityChanged(CapacityChanged change) {
        entries.clear();
    }

    @SuppressWarnings("unchecked")
    private <T> T recent(Object key, Supplier<T> load) {
        long now = System.nanoTime();
        Entry<?> entry = entries.get(key);
        if (entry == null || now - entry.loadedAt() > ttlNanos) {
            entry = new Entry<>(load.get(), now);
            entries.put(key, entry);
        }
        return (T) entry.value();
    }

    private record Entry<T>(T value, long loadedAt) {}
}
