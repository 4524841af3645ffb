package com.wuhou.ticketing.inventory.session;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A timed-entry slot.
 *
 * @param sessionId identity used by orders and tickets
 * @param date museum-local date
 * @param startTime museum-local start of entry
 * @param endTime museum-local end of entry
 * @param capacity most visitors admitted in this slot
 */
public record Session(Long sessionId, LocalDate date, LocalTime startTime, LocalTime endTime, int capacity) {}
