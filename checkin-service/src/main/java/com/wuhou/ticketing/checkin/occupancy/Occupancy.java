package com.wuhou.ticketing.checkin.occupancy;

import java.time.LocalDate;
import java.util.List;

/**
 * Who is inside now: admissions minus departures of the museum day, for the site and per area.
 *
 * @param capacity the site's instantaneous capacity (0 when none is set)
 * @param alert true once the headcount reached the alert share of the capacity
 */
public record Occupancy(LocalDate date, long headcount, int capacity, boolean alert, List<Area> areas) {

    public record Area(String area, long headcount) {}
}
