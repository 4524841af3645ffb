package com.wuhou.ticketing.inventory.availability;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * What a visitor can still book on a date.
 *
 * @param dailyRemaining places left under the day's cap
 * @param sessions the day's sessions with what is left in each
 */
public record Availability(LocalDate date, boolean open, int dailyRemaining, List<SessionAvailability> sessions) {

    /** One session's places. */
    public record SessionAvailability(
            long sessionId, LocalTime startTime, LocalTime endTime, int capacity, int remaining) {}
}
