package com.wuhou.ticketing.inventory.calendar;

import java.time.LocalDate;

/**
 * One day of the opening calendar.
 *
 * @param date museum-local date
 * @param open whether the museum sells and admits on that day
 * @param dailyCapacity most visitors that day, over all sessions
 */
public record CalendarDay(LocalDate date, boolean open, int dailyCapacity) {

    /** A day nobody has configured: closed. */
    static CalendarDay closed(LocalDate date) {
        return new CalendarDay(date, false, 0);
    }
}
