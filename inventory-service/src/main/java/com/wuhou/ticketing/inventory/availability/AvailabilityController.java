package com.wuhou.ticketing.inventory.availability;

import com.wuhou.ticketing.inventory.calendar.CalendarDay;
import com.wuhou.ticketing.inventory.calendar.CalendarService;
import com.wuhou.ticketing.inventory.hold.HoldService;
import com.wuhou.ticketing.inventory.session.SessionService;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public calendar a visitor books from: what remains is read from the admission counters in
 * Redis (the same numbers that admit or refuse a hold), never more than the day has left.
 */
@RestController
class AvailabilityController {

    private final CalendarService calendar;
    private final SessionService sessions;
    private final HoldService holds;

    AvailabilityController(CalendarService calendar, SessionService sessions, HoldService holds) {
        this.calendar = calendar;
        this.sessions = sessions;
        this.holds = holds;
    }

    @GetMapping("/api/v1/availability")
    Availability onDate(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        CalendarDay day = calendar.day(date);
        if (!day.open()) {
            return new Availability(date, false, 0, List.of());
        }
        HoldService.Taken taken = holds.taken(date);
        int dayLeft = (int) Math.max(0, day.dailyCapacity() - taken.day());
        List<Availability.SessionAvailability> slots = sessions.onDate(date).stream()
                .map(s -> new Availability.SessionAvailability(
                        s.sessionId(), s.startTime(), s.endTime(), s.capacity(), (int) Math.max(
                                0, Math.min(s.capacity() - taken.session().apply(s.sessionId()), dayLeft))))
                .toList();
        return new Availability(date, true, dayLeft, slots);
    }
}
