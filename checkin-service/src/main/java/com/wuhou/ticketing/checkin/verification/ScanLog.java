package com.wuhou.ticketing.checkin.verification;

import com.wuhou.ticketing.checkin.device.Device;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Every scan a gate reports, online or uploaded after being offline, with what it was answered. */
@Component
public class ScanLog {

    /**
     * One scan and its answer.
     *
     * @param kind {@code QR}, {@code ID} or {@code OFFLINE}
     * @param result what the gate did: {@code ACCEPTED} (the live headcount counts it) or {@code REJECTED}
     */
    public record Entry(
            Device device,
            String gate,
            String direction,
            String kind,
            String ticketId,
            String result,
            String reason,
            Instant scannedAt) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ScanLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Entry entry) {
        recordAll(List.of(entry));
    }

    /** The scans of a group with one multi-row insert, in the caller's transaction. */
    public void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        LocalDateTime received = utc(clock.instant());
        List<Object> args = new ArrayList<>(entries.size() * 10);
        for (Entry e : entries) {
            args.add(e.device().deviceId());
            args.add(e.gate());
            args.add(e.device().area());
            args.add(e.direction());
            args.add(e.kind());
            args.add(e.ticketId());
            args.add(e.result());
            args.add(e.reason());
            args.add(utc(e.scannedAt()));
            args.add(received);
        }
        jdbc.update(
                "INSERT INTO scan (device_id, gate, area, direction, kind, ticket_id, result, reason, scanned_at,"
                        + " received_at) VALUES "
                        + String.join(", ", Collections.nCopies(entries.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")),
                args.toArray());
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
