package com.wuhou.ticketing.checkin.offline;

import com.wuhou.ticketing.checkin.api.OfflineScans;
import com.wuhou.ticketing.checkin.api.Verification;
import com.wuhou.ticketing.checkin.device.Device;
import com.wuhou.ticketing.checkin.pass.TicketPass;
import com.wuhou.ticketing.checkin.pass.TicketPasses;
import com.wuhou.ticketing.checkin.verification.Redemptions;
import com.wuhou.ticketing.checkin.verification.ScanLog;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes what a gate admitted while offline. Each scan is applied in its own transaction, keyed by the
 * device and the gate's scan id, so a repeated upload (the answer was lost) changes nothing and a
 * crash halfway loses nothing: the gate sends the rest again. The gate already let the visitor through,
 * so every scan is counted in the headcount; one the platform would have refused (the ticket used
 * elsewhere, refunded, unknown or for another day) is a conflict, stored and counted for operators.
 */
@Service
class OfflineUploads {

    /** A gate's clock may run a little ahead; scans further in the future are refused. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final TicketPasses passes;
    private final Redemptions redemptions;
    private final ScanLog scans;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;

    OfflineUploads(
            TicketPasses passes,
            Redemptions redemptions,
            ScanLog scans,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            MeterRegistry meters,
            Clock clock) {
        this.passes = passes;
        this.redemptions = redemptions;
        this.scans = scans;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
    }

    OfflineScans.Result upload(Device device, List<OfflineScans.Scan> uploaded) {
        Instant latest = clock.instant().plus(CLOCK_SKEW);
        for (int i = 0; i < uploaded.size(); i++) {
            if (uploaded.get(i).scannedAt().isAfter(latest)) {
                throw new ApiException(
                        CommonErrorCode.VALIDATION_FAILED,
                        "scans[" + i + "].scannedAt is in the future: check the gate's clock",
                        Map.of(
                                "errors",
                                List.of(Map.of("field", "scans[" + i + "].scannedAt", "message", "in the future"))));
            }
        }
        List<OfflineScans.Outcome> outcomes = new ArrayList<>();
        int accepted = 0;
        int duplicates = 0;
        int conflicts = 0;
        for (OfflineScans.Scan scan : uploaded) {
            OfflineScans.Outcome outcome = transactions.execute(status -> apply(device, scan));
            outcomes.add(outcome);
            switch (outcome.outcome()) {
                case OfflineScans.ACCEPTED -> accepted++;
                case OfflineScans.DUPLICATE -> duplicates++;
                default -> {
                    conflicts++;
                    meters.counter("checkin.offline.conflicts", "reason", outcome.reason())
                            .increment();
                }
            }
        }
        return new OfflineScans.Result(accepted, duplicates, conflicts, outcomes);
    }

    private OfflineScans.Outcome apply(Device device, OfflineScans.Scan scan) {
        Optional<OfflineScans.Outcome> earlier = earlier(device, scan);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String conflict = scan.direction().equals("IN") ? admit(device, scan) : out(device, scan);
        try {
            jdbc.update(
                    "INSERT INTO offline_scan (device_id, scan_id, ticket_id, gate, direction, scanned_at, received_at,"
                            + " outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    device.deviceId(),
                    scan.scanId(),
                    scan.ticketId(),
                    scan.gate(),
                    scan.direction(),
                    utc(scan.scannedAt()),
                    utc(clock.instant()),
                    conflict == null ? OfflineScans.ACCEPTED : OfflineScans.CONFLICT,
                    conflict);
        } catch (DuplicateKeyException e) {
            // The same upload is being applied in parallel: that one stands, this one is undone.
            throw new ApiException(
                    CommonErrorCode.CONFLICT,
                    "Scan " + scan.scanId()
                            + " is being uploaded by another request; send it again to get its outcome");
        }
        // The gate opened either way, so the visitor counts in the headcount; but an OUT that matches
        // no IN in this area took nobody out of it (counting it would make the headcount go below).
        boolean unmatchedOut = scan.direction().equals("OUT") && conflict != null;
        scans.record(new ScanLog.Entry(
                device,
                scan.gate(),
                scan.direction(),
                "OFFLINE",
                scan.ticketId(),
                unmatchedOut ? Verification.REJECTED : Verification.ACCEPTED,
                conflict,
                scan.scannedAt()));
        return new OfflineScans.Outcome(
                scan.scanId(),
                scan.ticketId(),
                conflict == null ? OfflineScans.ACCEPTED : OfflineScans.CONFLICT,
                conflict);
    }

    /** Why an offline entry should not have happened, or null when it is now recorded as a redemption. */
    private String admit(Device device, OfflineScans.Scan scan) {
        Optional<TicketPass> found = passes.find(scan.ticketId());
        if (found.isEmpty()) {
            return Verification.Reason.UNKNOWN.name();
        }
        TicketPass pass = found.get();
        if (TicketPass.REFUNDED.equals(pass.status())) {
            return Verification.Reason.REFUNDED.name();
        }
        LocalDate day = LocalDate.ofInstant(scan.scannedAt(), OfflinePackages.MUSEUM);
        if (!pass.visitDate().equals(day)) {
            return Verification.Reason.NOT_TODAY.name();
        }
        return redemptions
                .reportedIn(pass, day, device, scan.gate(), scan.scannedAt())
                .map(Enum::name)
                .orElse(null);
    }

    /** Why an offline OUT does not count (it matches no IN in the gate's area that day), or null. */
    private String out(Device device, OfflineScans.Scan scan) {
        Optional<TicketPass> pass = passes.find(scan.ticketId());
        if (pass.isEmpty()) {
            return Verification.Reason.UNKNOWN.name();
        }
        LocalDate day = LocalDate.ofInstant(scan.scannedAt(), OfflinePackages.MUSEUM);
        return redemptions.insideForReportedOut(pass.get(), day, device)
                ? null
                : Verification.Reason.NOT_ADMITTED.name();
    }

    private Optional<OfflineScans.Outcome> earlier(Device device, OfflineScans.Scan scan) {
        return jdbc
                .query(
                        "SELECT outcome FROM offline_scan WHERE device_id = ? AND scan_id = ?",
                        (rs, row) -> new OfflineScans.Outcome(
                                scan.scanId(), scan.ticketId(), OfflineScans.DUPLICATE, rs.getString("outcome")),
                        device.deviceId(),
                        scan.scanId())
                .stream()
                .findFirst();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
