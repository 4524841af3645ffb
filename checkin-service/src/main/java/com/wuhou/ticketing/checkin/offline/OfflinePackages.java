package com.wuhou.ticketing.checkin.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.checkin.CheckinProperties;
import com.wuhou.ticketing.checkin.api.OfflinePackage;
import com.wuhou.ticketing.checkin.device.Device;
import com.wuhou.ticketing.checkin.device.DeviceService;
import com.wuhou.ticketing.checkin.pass.TicketPass;
import com.wuhou.ticketing.checkin.pass.TicketPasses;
import com.wuhou.ticketing.checkin.verification.GateKeys;
import com.wuhou.ticketing.order.api.IdDocument;
import com.wuhou.ticketing.order.api.Museum;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.signedrequest.SignedRequests;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds a gate's offline package: the day's tickets with the entries each has left, ID documents
 * only as hashes under the day's key, and the e-ticket public keys; signed with the asking device's
 * own secret, so the gate knows it came from the platform and nothing changed it on the way.
 */
@Service
class OfflinePackages {

    static final ZoneId MUSEUM = Museum.ZONE;

    /**
     * Deltas reach back this far before the cursor: a change committed just after a package was
     * read may carry a slightly earlier time. Gates apply tickets by id, so a repeat is harmless.
     */
    static final Duration OVERLAP = Duration.ofSeconds(10);

    /** A signed package: the exact bytes to send and their signature. */
    record Signed(byte[] body, String signature) {}

    private final TicketPasses passes;
    private final GateKeys keys;
    private final DeviceService devices;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final CheckinProperties properties;
    private final Clock clock;

    OfflinePackages(
            TicketPasses passes,
            GateKeys keys,
            DeviceService devices,
            JdbcTemplate jdbc,
            ObjectMapper json,
            CheckinProperties properties,
            Clock clock) {
        this.passes = passes;
        this.keys = keys;
        this.devices = devices;
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /** The package of {@code date} for {@code device}: whole, or what changed since {@code since}. */
    @Transactional(readOnly = true)
    public Signed build(Device device, LocalDate date, Long since) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, MUSEUM);
        if (date.isBefore(today.minusDays(1)) || date.isAfter(today.plusDays(7))) {
            throw new ApiException(
                    CommonErrorCode.VALIDATION_FAILED,
                    "Packages are made for yesterday to a week ahead (museum time); " + date + " is not in that range");
        }
        if (since != null && (since < 0 || since > now.toEpochMilli())) {
            throw new ApiException(
                    CommonErrorCode.VALIDATION_FAILED, "since must be the cursor of an earlier package, not " + since);
        }
        LocalDateTime changedSince = since == null
                ? null
                : LocalDateTime.ofInstant(Instant.ofEpochMilli(since).minus(OVERLAP), ZoneOffset.UTC);
        List<TicketPass> day = passes.ofDay(date, changedSince);
        Map<String, Integer> used = entriesUsed(date);
        List<OfflinePackage.Ticket> tickets = day.stream()
                .map(pass -> new OfflinePackage.Ticket(
                        pass.ticketId(),
                        pass.ticketType(),
                        pass.startTime(),
                        pass.endTime(),
                        pass.visitorName(),
                        pass.dayHash(),
                        Math.max(0, pass.entries() - used.getOrDefault(pass.ticketId(), 0)),
                        pass.status()))
                .toList();
        OfflinePackage offline = new OfflinePackage(
                date,
                now.toEpochMilli(),
                since != null,
                Base64.getEncoder().encodeToString(IdDocument.dayKey(keys.visitorHashKey(), date)),
                keys.ticketKeys(),
                (int) properties.entryGrace().toMinutes(),
                tickets);
        try {
            byte[] body = json.writeValueAsBytes(offline);
            return new Signed(body, SignedRequests.signature(devices.secret(device), body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The offline package could not be written", e);
        }
    }

    private Map<String, Integer> entriesUsed(LocalDate date) {
        Map<String, Integer> used = new HashMap<>();
        jdbc.query(
                "SELECT ticket_id, COUNT(*) AS used FROM redemption WHERE visit_date = ? GROUP BY ticket_id",
                rs -> {
                    used.put(rs.getString("ticket_id"), rs.getInt("used"));
                },
                Date.valueOf(date));
        return used;
    }
}
