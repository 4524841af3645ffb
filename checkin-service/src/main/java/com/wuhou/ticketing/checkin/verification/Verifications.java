package com.wuhou.ticketing.checkin.verification;

import com.wuhou.ticketing.checkin.CheckinProperties;
import com.wuhou.ticketing.checkin.device.Device;
import com.wuhou.ticketing.checkin.pass.TicketPass;
import com.wuhou.ticketing.checkin.pass.TicketPasses;
import com.wuhou.ticketing.order.api.IdDocument;
import com.wuhou.ticketing.order.api.TicketCredential;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers a gate: checks a QR credential's signature locally (or finds an ID number's tickets for
 * today), reads the ticket from the read model, applies the day and session rules, and admits each
 * ticket once per day, atomically across gates (the redemption row's primary key). Every scan is
 * recorded with its answer.
 */
@Service
public class Verifications {

    static final ZoneId MUSEUM = ZoneId.of("Asia/Shanghai");

    /** What a gate sent; {@code gate} is where the device stands now (a handheld scanner moves). */
    public record Scan(String credential, String gate, String direction, Instant scannedAt) {

        boolean isIn() {
            return "IN".equals(direction);
        }
    }

    private final TicketPasses passes;
    private final GateKeys keys;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Duration grace;
    private final Clock clock;

    Verifications(
            TicketPasses passes,
            GateKeys keys,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            CheckinProperties properties,
            Clock clock) {
        this.passes = passes;
        this.keys = keys;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.grace = properties.entryGrace();
        this.clock = clock;
    }

    /** The answer, with the redemption and the scan's record committed together. */
    public Verification verify(Device device, Scan scan) {
        return transactions.execute(status -> {
            boolean qr = scan.credential().startsWith("T1.");
            Verification answer = qr ? verifyQr(device, scan) : verifyId(device, scan);
            record(device, scan, qr ? "QR" : "ID", answer);
            return answer;
        });
    }

    private Verification verifyQr(Device device, Scan scan) {
        TicketCredential credential;
        try {
            credential = TicketCredential.verify(scan.credential(), keys::ticketKey);
        } catch (TicketCredential.InvalidCredentialException e) {
            return Verification.rejected(Verification.Reason.BAD_SIGNATURE, null);
        }
        return passes.find(credential.ticketId())
                .map(pass -> decide(device, scan, pass))
                .orElseGet(() -> Verification.rejected(
                        Verification.Reason.UNKNOWN,
                        new Verification.Ticket(
                                credential.ticketId(),
                                credential.ticketType(),
                                credential.startTime(),
                                credential.endTime(),
                                null)));
    }

    /** An ID number: today's tickets of that document, the first one the rules let through. */
    private Verification verifyId(Device device, Scan scan) {
        IdDocument document = new IdDocument(IdDocument.Type.ID_CARD, scan.credential());
        List<TicketPass> today = passes.ofVisitor(document.hash(keys.visitorHashKey()), today());
        if (today.isEmpty()) {
            IdDocument passport = new IdDocument(IdDocument.Type.PASSPORT, scan.credential());
            today = passes.ofVisitor(passport.hash(keys.visitorHashKey()), today());
        }
        if (today.isEmpty()) {
            return Verification.rejected(Verification.Reason.UNKNOWN, null);
        }
        Verification first = null;
        for (TicketPass pass : today) {
            Verification answer = decide(device, scan, pass);
            if (Verification.ACCEPTED.equals(answer.result())) {
                return answer;
            }
            first = first == null ? answer : first;
        }
        return first;
    }

    private Verification decide(Device device, Scan scan, TicketPass pass) {
        Verification.Ticket ticket = new Verification.Ticket(
                pass.ticketId(), pass.ticketType(), pass.startTime(), pass.endTime(), pass.visitorName());
        if (TicketPass.REFUNDED.equals(pass.status())) {
            return Verification.rejected(Verification.Reason.REFUNDED, ticket);
        }
        LocalDate today = today();
        if (!pass.visitDate().equals(today)) {
            return Verification.rejected(Verification.Reason.NOT_TODAY, ticket);
        }
        if (!scan.isIn()) {
            return isRedeemed(pass.ticketId(), today)
                    ? Verification.accepted(ticket)
                    : Verification.rejected(Verification.Reason.NOT_ADMITTED, ticket);
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(MUSEUM));
        if (now.isBefore(today.atTime(pass.startTime()).minus(grace))
                || now.isAfter(today.atTime(pass.endTime()).plus(grace))) {
            return Verification.rejected(Verification.Reason.OUTSIDE_SESSION, ticket);
        }
        try {
            jdbc.update(
                    "INSERT INTO redemption (ticket_id, visit_date, device_id, gate, redeemed_at) VALUES (?, ?, ?, ?, ?)",
                    pass.ticketId(),
                    Date.valueOf(today),
                    device.deviceId(),
                    scan.gate(),
                    utcNow());
        } catch (DuplicateKeyException e) {
            return Verification.rejected(Verification.Reason.ALREADY_USED, ticket);
        }
        return Verification.accepted(ticket);
    }

    private boolean isRedeemed(String ticketId, LocalDate day) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM redemption WHERE ticket_id = ? AND visit_date = ?",
                Integer.class,
                ticketId,
                Date.valueOf(day));
        return count != null && count > 0;
    }

    private void record(Device device, Scan scan, String kind, Verification answer) {
        jdbc.update(
                "INSERT INTO scan (device_id, gate, area, direction, kind, ticket_id, result, reason, scanned_at,"
                        + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                device.deviceId(),
                scan.gate(),
                device.area(),
                scan.direction(),
                kind,
                answer.ticket() == null ? null : answer.ticket().ticketId(),
                answer.result(),
                answer.reason(),
                LocalDateTime.ofInstant(scan.scannedAt().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC),
                utcNow());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(MUSEUM));
    }

    private LocalDateTime utcNow() {
        return LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
