package com.wuhou.ticketing.order.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wuhou.ticketing.order.api.TicketCredential.InvalidCredentialException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TicketCredentialTests {

    private final KeyPair keys = generate();
    private final String keyId = TicketCredential.keyId(keys.getPublic());
    private final Function<String, Optional<PublicKey>> published =
            id -> id.equals(keyId) ? Optional.of(keys.getPublic()) : Optional.empty();
    private final TicketCredential ticket = new TicketCredential(
            "WH7Q2K-1", 42, LocalDate.of(2027, 2, 10), LocalTime.of(9, 0), LocalTime.of(11, 30), "ADULT", keyId);

    @Test
    void shouldVerifyWhatWasSignedAndFitInASmallQrCode() throws Exception {
        String text = ticket.sign(keys.getPrivate());

        assertThat(TicketCredential.verify(text, published)).isEqualTo(ticket);
        assertThat(text).hasSizeLessThan(200);
    }

    @Test
    void shouldRefuseAChangedPayload() {
        String text = ticket.sign(keys.getPrivate());
        String[] parts = text.split("\\.");
        String forged = new String(Base64.getUrlDecoder().decode(parts[1])).replace("ADULT", "CHILD");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes()) + "." + parts[2];

        assertThatThrownBy(() -> TicketCredential.verify(tampered, published))
                .isInstanceOf(InvalidCredentialException.class)
                .hasMessage("bad signature");
    }

    @Test
    void shouldRefuseAnotherKeysSignatureAndGarbage() {
        KeyPair other = generate();
        TicketCredential claimed = new TicketCredential(
                ticket.ticketId(), 42, ticket.date(), ticket.startTime(), ticket.endTime(), "ADULT", keyId);

        assertThatThrownBy(() -> TicketCredential.verify(claimed.sign(other.getPrivate()), published))
                .hasMessage("bad signature");
        assertThatThrownBy(() -> TicketCredential.verify("T1.bm90aGluZw.AAAA", published))
                .isInstanceOf(InvalidCredentialException.class);
        assertThatThrownBy(() -> TicketCredential.verify("110101199003070011", published))
                .hasMessage("not a ticket credential");
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
