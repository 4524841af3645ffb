package com.wuhou.ticketing.order.orders;

import com.baomidou.mybatisplus.core.conditions.update.UpdateWrapper;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The moves one aggregate's states allow, declared once in its status enum, and the only way a
 * {@code status} column is written: a conditional update from states that may move to the new one,
 * so a change that lost a race to another changes nothing (the caller sees 0 rows) and a move the
 * table does not allow fails before it reaches the database.
 */
public final class Transitions<S extends Enum<S>> {

    static final String STATUS = "status";

    private final Class<S> type;
    private final Map<S, Set<S>> next;

    public Transitions(Class<S> type) {
        this.type = type;
        this.next = new EnumMap<>(type);
    }

    @SafeVarargs
    public final Transitions<S> allow(S from, S... to) {
        next.computeIfAbsent(from, s -> EnumSet.noneOf(type)).addAll(Set.of(to));
        return this;
    }

    public boolean allows(S from, S to) {
        return next.getOrDefault(from, Set.of()).contains(to);
    }

    /** The states that may move to {@code to}. */
    public Set<S> into(S to) {
        Set<S> from = EnumSet.noneOf(type);
        next.forEach((state, targets) -> {
            if (targets.contains(to)) {
                from.add(state);
            }
        });
        return from;
    }

    /**
     * The update of a move from one of {@code from} to {@code to}; the caller adds which rows.
     *
     * @throws IllegalStateException when one of {@code from} may not move to {@code to}
     */
    public <T> UpdateWrapper<T> move(Collection<S> from, S to, LocalDateTime now) {
        if (from.isEmpty()) {
            throw new IllegalStateException("No " + type.getSimpleName() + " may move to " + to);
        }
        for (S state : from) {
            if (!allows(state, to)) {
                throw new IllegalStateException(
                        type.getSimpleName() + " " + state + " may not move to " + to + " (see its transitions)");
            }
        }
        return new UpdateWrapper<T>().in(STATUS, from).set(STATUS, to).set("updated_at", now);
    }

    /** The update of a move to {@code to} from any state allowed to reach it. */
    public <T> UpdateWrapper<T> move(S to, LocalDateTime now) {
        return move(into(to), to, now);
    }
}
