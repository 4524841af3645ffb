package com.wuhou.ticketing.checkin.verification;

import com.wuhou.ticketing.checkin.CheckinProperties;
import com.wuhou.ticketing.order.api.TicketCredential;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The keys a gate check needs: the e-ticket public key and the key of visitors' document hashes. */
@Component
public class GateKeys {

    private static final Logger log = LoggerFactory.getLogger(GateKeys.class);

    private final PublicKey ticketKey;
    private final String ticketKeyId;
    private final byte[] visitorHashKey;

    GateKeys(CheckinProperties properties) {
        String ticket = properties.ticketPublicKey();
        String visitor = properties.visitorHashKey();
        if (ticket != null && !ticket.isBlank()) {
            ticketKey = publicKey(ticket);
            ticketKeyId = TicketCredential.keyId(ticketKey);
        } else if (properties.ephemeralKeys()) {
            log.warn("No e-ticket key configured: every QR credential is refused (tests only)");
            ticketKey = null;
            ticketKeyId = null;
        } else {
            throw new IllegalStateException("ticketing.checkin.ticket-public-key must be set"
                    + " (environment TICKET_SIGNING_PUBLIC_KEY, Base64 X.509 Ed25519)");
        }
        if (visitor != null && !visitor.isBlank()) {
            visitorHashKey = Base64.getDecoder().decode(visitor.strip());
        } else if (properties.ephemeralKeys()) {
            visitorHashKey = new byte[32];
            new SecureRandom().nextBytes(visitorHashKey);
        } else {
            throw new IllegalStateException("ticketing.checkin.visitor-hash-key must be set"
                    + " (environment VISITOR_HASH_KEY, the same Base64 key as order-service's)");
        }
    }

    Optional<PublicKey> ticketKey(String keyId) {
        return ticketKey != null && keyId.equals(ticketKeyId) ? Optional.of(ticketKey) : Optional.empty();
    }

    /** The e-ticket keys gates may verify QR credentials with offline: key id to Base64 X.509. */
    public Map<String, String> ticketKeys() {
        return ticketKey == null
                ? Map.of()
                : Map.of(ticketKeyId, Base64.getEncoder().encodeToString(ticketKey.getEncoded()));
    }

    public byte[] visitorHashKey() {
        return visitorHashKey.clone();
    }

    private static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("ticketing.checkin.ticket-public-key is not a Base64 X.509 Ed25519 key", e);
        }
    }
}
