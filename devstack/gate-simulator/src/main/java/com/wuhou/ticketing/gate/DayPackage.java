package com.wuhou.ticketing.gate;

import com.wuhou.ticketing.checkin.api.AdmissionRule;
import com.wuhou.ticketing.checkin.api.OfflinePackage;
import com.wuhou.ticketing.checkin.api.Verification.Reason;
import com.wuhou.ticketing.order.api.IdDocument;
import com.wuhou.ticketing.order.api.TicketCredential;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * A day's offline package, indexed, and the offline answer to a scan: checkin-api's {@link
 * AdmissionRule}, the rule the platform applies online, with what this gate knows (the package's
 * entries left, plus the entries it admitted itself since).
 */
final class DayPackage {

    private final OfflinePackage offlinePackage;
    private final Map<String, OfflinePackage.Ticket> byTicketId = new HashMap<>();
    private final Map<String, List<OfflinePackage.Ticket>> byIdHash = new HashMap<>();
    private final Map<String, PublicKey> keys = new HashMap<>();
    private final byte[] idKey;

    /** When the platform made the package (its cursor): entries it counts were taken before then. */
    Instant madeAt() {
        return Instant.ofEpochMilli(offlinePackage.cursor());
    }

    DayPackage(OfflinePackage offlinePackage) {
        this.offlinePackage = offlinePackage;
        for (OfflinePackage.Ticket ticket : tickets(offlinePackage)) {
            byTicketId.put(ticket.ticketId(), ticket);
            if (ticket.idHash() != null) {
                byIdHash.computeIfAbsent(ticket.idHash(), h -> new ArrayList<>())
                        .add(ticket);
            }
        }
        if (offlinePackage.ticketPublicKeys() != null) {
            offlinePackage.ticketPublicKeys().forEach((keyId, x509) -> keys.put(keyId, publicKey(keyId, x509)));
        }
        try {
            this.idKey =
                    offlinePackage.idKey() == null ? null : Base64.getDecoder().decode(offlinePackage.idKey());
        } catch (IllegalArgumentException e) {
            throw new PackageRefusedException("the package's idKey is not Base64");
        }
    }

    static List<OfflinePackage.Ticket> tickets(OfflinePackage offlinePackage) {
        return offlinePackage.tickets() == null ? List.of() : offlinePackage.tickets();
    }

    LocalDate date() {
        return offlinePackage.date();
    }

    /**
     * The offline answer to a QR text or an ID number.
     *
     * @param entriesUsed how many times this gate let a ticket in today that the package does not count
     */
    Scan decide(String credential, boolean in, LocalDateTime now, ToIntFunction<String> entriesUsed) {
        if (credential.startsWith("T1.")) {
            TicketCredential qr;
            try {
                qr = TicketCredential.verify(credential, keyId -> Optional.ofNullable(keys.get(keyId)));
            } catch (TicketCredential.InvalidCredentialException e) {
                return Scan.offlineRejected(Reason.BAD_SIGNATURE.name(), null, null);
            }
            OfflinePackage.Ticket ticket = byTicketId.get(qr.ticketId());
            if (ticket == null) {
                // The package holds only this day's tickets.
                Reason reason = qr.date().equals(date()) ? Reason.UNKNOWN : Reason.NOT_TODAY;
                return Scan.offlineRejected(reason.name(), qr.ticketId(), null);
            }
            return decide(ticket, in, now, entriesUsed);
        }
        List<OfflinePackage.Ticket> tickets = ofDocument(IdDocument.Type.ID_CARD, credential);
        if (tickets.isEmpty()) {
            tickets = ofDocument(IdDocument.Type.PASSPORT, credential);
        }
        // Like the platform: the first of the visitor's tickets the rules let through, else the first answer.
        Scan first = null;
        for (OfflinePackage.Ticket ticket : tickets) {
            Scan answer = decide(ticket, in, now, entriesUsed);
            if (answer.accepted()) {
                return answer;
            }
            first = first == null ? answer : first;
        }
        return first != null ? first : Scan.offlineRejected(Reason.UNKNOWN.name(), null, null);
    }

    private Scan decide(
            OfflinePackage.Ticket ticket, boolean in, LocalDateTime now, ToIntFunction<String> entriesUsed) {
        // The package counts what the platform knew when it was made (entries left then); the gate adds
        // its own since. Who is inside it cannot know offline: the rule lets the visitor out.
        return AdmissionRule.refusal(
                        new AdmissionRule.Ticket(
                                ticket.status(), date(), ticket.sessionStart(), ticket.sessionEnd(), ticket.entries()),
                        in,
                        now,
                        Duration.ofMinutes(Math.max(0, offlinePackage.entryGraceMinutes())),
                        new AdmissionRule.History(entriesUsed.applyAsInt(ticket.ticketId()), null))
                .map(reason -> Scan.offlineRejected(reason.name(), ticket.ticketId(), ticket.visitorName()))
                .orElseGet(() -> Scan.offlineAccepted(ticket.ticketId(), ticket.visitorName()));
    }

    private List<OfflinePackage.Ticket> ofDocument(IdDocument.Type type, String number) {
        if (idKey == null) {
            return List.of();
        }
        return byIdHash.getOrDefault(new IdDocument(type, number).hash(idKey), List.of());
    }

    private static PublicKey publicKey(String keyId, String x509) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(x509)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new PackageRefusedException("ticket key " + keyId + " is not a Base64 X.509 Ed25519 key");
        }
    }
}
