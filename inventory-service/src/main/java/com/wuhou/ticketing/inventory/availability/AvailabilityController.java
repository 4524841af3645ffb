package com.wuhou.ticketing.inventory.availability;

import com.wuhou.ticketing.inventory.calendar.CalendarDay;
import com.wuhou.ticketing.inventory.calendar.CalendarService;
import com.wuhou.ticketing.inventory.session.SessionService;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public calendar a visitor books from. Nothing is held or sold yet in this version (the sales
 * path comes with holds and the ledger), so what remains is the configured capacity.
 */
@RestController
class AvailabilityController {

    private final CalendarService calendar;
    private final SessionService sessions;

    AvailabilityController(CalendarService calendar, SessionService sessions) {
        this.calendar = calendar;
        this.sessions = sessions;
    }

    @GetMapping("/api/v1/availability")
    Availability onDate(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        CalendarDay day = calendar.day(date);
        if (!day.open()) {
            return new Availability(date, false, 0, List.of());
        }
        List<Availability.SessionAvailability> slots = sessions.onDate(date).stream()
                .map(s -> new Availability.SessionAvailability(
                        s.sessionId(),
                        s.startTime(),
                        s.endTime(),
                        s.capacity(),
                        Math.min(s.capacity(), day.dailyCapacity())))
                .toList();
        return new Availability(date, true, day.dailyCapacity(), slots);
    }
}
