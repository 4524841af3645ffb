package com.wuhou.ticketing.order.ticket;

import com.wuhou.ticketing.order.OrderProperties;
import com.wuhou.ticketing.order.api.TicketCredential;
import com.wuhou.ticketing.platform.operatortoken.OperatorTokens;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.LocalDate;
import java.time.LocalTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Signs e-tickets with the configured Ed25519 key and publishes its public half. */
@Component
public class TicketSigner {

    private static final Logger log = LoggerFactory.getLogger(TicketSigner.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    TicketSigner(OrderProperties properties) {
        if (hasText(properties.ticketPrivateKey()) && hasText(properties.ticketPublicKey())) {
            privateKey = OperatorTokens.privateKey(properties.ticketPrivateKey());
            publicKey = OperatorTokens.publicKey(properties.ticketPublicKey());
        } else if (properties.ephemeralKeys()) {
            log.warn("Signing e-tickets with a key made at start-up: they will not verify after a restart");
            KeyPair pair = OperatorTokens.generateKeyPair();
            privateKey = pair.getPrivate();
            publicKey = pair.getPublic();
        } else {
            throw new IllegalStateException("ticketing.order.ticket-private-key and ticket-public-key must be set"
                    + " (environment TICKET_SIGNING_PRIVATE_KEY and TICKET_SIGNING_PUBLIC_KEY)");
        }
        keyId = TicketCredential.keyId(publicKey);
    }

    /** The QR text of a ticket, signed now. */
    public String sign(TicketFacts ticket) {
        return new TicketCredential(
                        ticket.ticketId(),
                        ticket.sessionId(),
                        ticket.date(),
                        ticket.startTime(),
                        ticket.endTime(),
                        ticket.ticketType(),
                        keyId)
                .sign(privateKey);
    }

    PublishedKey published() {
        return new PublishedKey(keyId, "Ed25519", OperatorTokens.encode(publicKey));
    }

    /** A public key as gates download it. */
    record PublishedKey(String keyId, String algorithm, String publicKey) {}

    /** What a signed ticket says. */
    public record TicketFacts(
            String ticketId,
            long sessionId,
            LocalDate date,
            LocalTime startTime,
            LocalTime endTime,
            String ticketType) {}

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
