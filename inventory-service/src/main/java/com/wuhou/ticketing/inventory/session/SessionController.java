package com.wuhou.ticketing.inventory.session;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators create a day's sessions and list them. */
@RestController
class SessionController {

    private final SessionService service;

    SessionController(SessionService service) {
        this.service = service;
    }

    /** Request body of {@code POST /admin/v1/sessions}. */
    record NewSession(
            @NotNull LocalDate date,
            @NotNull LocalTime startTime,
            @NotNull LocalTime endTime,
            @NotNull @Positive @Max(1_000_000) Integer capacity) {}

    @PostMapping("/admin/v1/sessions")
    ResponseEntity<Session> create(@Valid @RequestBody NewSession request) {
        Session created = service.create(request.date(), request.startTime(), request.endTime(), request.capacity());
        return ResponseEntity.created(URI.create("/admin/v1/sessions/" + created.sessionId()))
                .body(created);
    }

    @GetMapping("/admin/v1/sessions")
    List<Session> onDate(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return service.onDate(date);
    }
}
