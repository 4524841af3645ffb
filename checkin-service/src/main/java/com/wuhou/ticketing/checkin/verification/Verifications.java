package com.wuhou.ticketing.checkin.verification;

import com.wuhou.ticketing.checkin.CheckinProperties;
import com.wuhou.ticketing.checkin.api.Verification;
import com.wuhou.ticketing.checkin.device.Device;
import com.wuhou.ticketing.checkin.pass.TicketPass;
import com.wuhou.ticketing.checkin.pass.TicketPasses;
import com.wuhou.ticketing.order.api.IdDocument;
import com.wuhou.ticketing.order.api.Museum;
import com.wuhou.ticketing.order.api.TicketCredential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers a gate: checks a QR credential's signature locally (or finds an ID number's tickets for
 * today), reads the ticket from the read model, applies the day and session rules, and admits each
 * ticket once per day (or as often as its type allows), atomically across gates ({@link Redemptions}). Every scan is
 * recorded with its answer.
 */
@Service
public class Verifications {

    static final ZoneId MUSEUM = Museum.ZONE;

    /** What a gate sent; {@code gate} is where the device stands now (a handheld scanner moves). */
    public record Scan(String credential, String gate, String direction, Instant scannedAt) {

        boolean isIn() {
            return "IN".equals(direction);
        }
    }

    private final TicketPasses passes;
    private final Redemptions redemptions;
    private final ScanLog scans;
    private final GateKeys keys;
    private final TransactionTemplate transactions;
    private final Duration grace;
    private final Clock clock;

    Verifications(
            TicketPasses passes,
            Redemptions redemptions,
            ScanLog scans,
            GateKeys keys,
            TransactionTemplate transactions,
            CheckinProperties properties,
            Clock clock) {
        this.passes = passes;
        this.redemptions = redemptions;
        this.scans = scans;
        this.keys = keys;
        this.transactions = transactions;
        this.grace = properties.entryGrace();
        this.clock = clock;
    }

    /** The answer, with the redemption and the scan's record committed together. */
    public Verification verify(Device device, Scan scan) {
        return transactions.execute(status -> {
            boolean qr = scan.credential().startsWith("T1.");
            Verification answer = qr ? verifyQr(device, scan) : verifyId(device, scan);
            scans.record(
                    device,
                    scan.gate(),
                    scan.direction(),
                    qr ? "QR" : "ID",
                    answer.ticket() == null ? null : answer.ticket().ticketId(),
                    answer.result(),
                    answer.reason(),
                    scan.scannedAt());
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
        return redemptions
                .pass(pass, device, scan.gate(), scan.isIn(), LocalDateTime.now(clock.withZone(MUSEUM)), grace)
                .map(reason -> Verification.rejected(reason, ticket))
                .orElseGet(() -> Verification.accepted(ticket));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(MUSEUM));
    }
}
