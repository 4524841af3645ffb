package com.wuhou.ticketing.checkin.verification;

import com.wuhou.ticketing.checkin.device.Device;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Every scan a gate reports, online or uploaded after being offline, with what it was answered. */
@Component
public class ScanLog {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ScanLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param kind {@code QR}, {@code ID} or {@code OFFLINE}
     * @param result what the gate did: {@code ACCEPTED} (the live headcount counts it) or {@code REJECTED}
     */
    public void record(
            Device device,
            String gate,
            String direction,
            String kind,
            String ticketId,
            String result,
            String reason,
            Instant scannedAt) {
        jdbc.update(
                "INSERT INTO scan (device_id, gate, area, direction, kind, ticket_id, result, reason, scanned_at,"
                        + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                device.deviceId(),
                gate,
                device.area(),
                direction,
                kind,
                ticketId,
                result,
                reason,
                utc(scannedAt),
                utc(clock.instant()));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
