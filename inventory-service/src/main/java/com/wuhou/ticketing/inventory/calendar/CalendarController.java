package com.wuhou.ticketing.inventory.calendar;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Operators open or close days and set their daily capacity. */
@RestController
class CalendarController {

    private final CalendarService service;

    CalendarController(CalendarService service) {
        this.service = service;
    }

    /** Request body of {@code PUT /admin/v1/calendar/{date}}. */
    record DaySettings(
            @NotNull Boolean open,
            @NotNull @PositiveOrZero @Max(1_000_000) Integer dailyCapacity) {}

    @GetMapping("/admin/v1/calendar/{date}")
    CalendarDay get(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return service.day(date);
    }

    @PutMapping("/admin/v1/calendar/{date}")
    CalendarDay put(
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @Valid @RequestBody DaySettings settings) {
        return service.set(date, settings.open(), settings.dailyCapacity());
    }
}
