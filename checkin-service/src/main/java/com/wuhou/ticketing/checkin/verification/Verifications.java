package com.wuhou.ticketing.checkin.verification;

import com.wuhou.ticketing.checkin.api.Verification;
import com.wuhou.ticketing.checkin.device.Device;
import com.wuhou.ticketing.checkin.pass.TicketPass;
import com.wuhou.ticketing.checkin.pass.TicketPasses;
import com.wuhou.ticketing.order.api.IdDocument;
import com.wuhou.ticketing.order.api.Museum;
import com.wuhou.ticketing.order.api.TicketCredential;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Answers a gate: checks a QR credential's signature locally (or finds an ID number's tickets for
 * today) and reads the ticket from the read model, outside any transaction; then the scan is decided
 * under its tickets' locks, with the scans of other gates waiting at the same moment, and written
 * with its answer ({@link GateWriter}, {@link Admissions}). Each ticket is admitted once per day (or
 * as often as its type allows), atomically across gates and instances.
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
    private final GateKeys keys;
    private final GateWriter writer;
    private final Clock clock;

    Verifications(TicketPasses passes, GateKeys keys, GateWriter writer, Clock clock) {
        this.passes = passes;
        this.keys = keys;
        this.writer = writer;
        this.clock = clock;
    }

    /** The answer, once the redemption and the scan's record are committed. */
    public Verification verify(Device device, Scan scan) {
        return writer.admit(admission(device, scan));
    }

    /** The scan with the tickets its credential names (nothing locked or written yet). */
    Admission admission(Device device, Scan scan) {
        return scan.credential().startsWith("T1.") ? qr(device, scan) : id(device, scan);
    }

    private Admission qr(Device device, Scan scan) {
        TicketCredential credential;
        try {
            credential = TicketCredential.verify(scan.credential(), keys::ticketKey);
        } catch (TicketCredential.InvalidCredentialException e) {
            return new Admission(
                    device, scan, "QR", List.of(), Verification.rejected(Verification.Reason.BAD_SIGNATURE, null));
        }
        return new Admission(
                device,
                scan,
                "QR",
                passes.find(credential.ticketId()).map(List::of).orElse(List.of()),
                Verification.rejected(
                        Verification.Reason.UNKNOWN,
                        new Verification.Ticket(
                                credential.ticketId(),
                                credential.ticketType(),
                                credential.startTime(),
                                credential.endTime(),
                                null)));
    }

    /** An ID number: today's tickets of that document; the first one the rules let through is admitted. */
    private Admission id(Device device, Scan scan) {
        IdDocument document = new IdDocument(IdDocument.Type.ID_CARD, scan.credential());
        List<TicketPass> today = passes.ofVisitor(document.hash(keys.visitorHashKey()), today());
        if (today.isEmpty()) {
            IdDocument passport = new IdDocument(IdDocument.Type.PASSPORT, scan.credential());
            today = passes.ofVisitor(passport.hash(keys.visitorHashKey()), today());
        }
        return new Admission(device, scan, "ID", today, Verification.rejected(Verification.Reason.UNKNOWN, null));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(MUSEUM));
    }
}
