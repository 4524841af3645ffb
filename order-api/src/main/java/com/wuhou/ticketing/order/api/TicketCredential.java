package com.wuhou.ticketing.order.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a ticket's QR code carries: a compact payload and its Ed25519 signature, so a gate can check
 * a ticket offline with the published public key. Text form: {@code T1.<payload>.<signature>}, both
 * parts Base64url; the payload is {@code ticketId|sessionId|yyyyMMdd|HHmm|HHmm|ticketType|keyId}.
 *
 * @param ticketId the ticket
 * @param sessionId its time slot
 * @param date museum-local visiting date
 * @param startTime entry from
 * @param endTime entry until
 * @param ticketType the ticket type's code
 * @param keyId which signing key signed it (see {@link #keyId(PublicKey)})
 */
public record TicketCredential(
        String ticketId,
        long sessionId,
        LocalDate date,
        LocalTime startTime,
        LocalTime endTime,
        String ticketType,
        String keyId) {

    private static final String PREFIX = "T1.";
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    public TicketCredential {
        if (!FIELD.matcher(ticketId).matches()
                || !FIELD.matcher(ticketType).matches()
                || !FIELD.matcher(keyId).matches()) {
            throw new IllegalArgumentException("ticket id, type and key id are 1-64 letters, digits, _ or -");
        }
    }

    /** Why a text could not be accepted as a credential. */
    public static final class InvalidCredentialException extends Exception {
        public InvalidCredentialException(String message) {
            super(message);
        }
    }

    /** The QR text: payload and signature made with {@code key}, whose public half has id {@link #keyId}. */
    public String sign(PrivateKey key) {
        String payload = B64.encodeToString(payload().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(payload.getBytes(StandardCharsets.US_ASCII));
            return PREFIX + payload + "." + B64.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with this key", e);
        }
    }

    /**
     * Reads and checks a QR text.
     *
     * @param keys the public key for a key id, if that key is known
     */
    public static TicketCredential verify(String text, Function<String, Optional<PublicKey>> keys)
            throws InvalidCredentialException {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new InvalidCredentialException("not a ticket credential");
        }
        String[] parts = text.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 2) {
            throw new InvalidCredentialException("not a ticket credential");
        }
        TicketCredential credential;
        byte[] signature;
        try {
            credential = parse(new String(B64D.decode(parts[0]), StandardCharsets.UTF_8));
            signature = B64D.decode(parts[1]);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidCredentialException("not a ticket credential: " + e.getMessage());
        }
        PublicKey key = keys.apply(credential.keyId())
                .orElseThrow(() -> new InvalidCredentialException("unknown signing key " + credential.keyId()));
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(parts[0].getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(signature)) {
                throw new InvalidCredentialException("bad signature");
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidCredentialException("bad signature");
        }
        return credential;
    }

    /** A short, stable id of a public key: the first 8 bytes of SHA-256 of its X.509 form, in hex. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String payload() {
        return String.join(
                "|",
                ticketId,
                Long.toString(sessionId),
                date.format(DATE),
                startTime.format(TIME),
                endTime.format(TIME),
                ticketType,
                keyId);
    }

    private static TicketCredential parse(String payload) {
        String[] f = payload.split("\\|", -1);
        if (f.length != 7) {
            throw new IllegalArgumentException("payload has " + f.length + " fields, not 7");
        }
        return new TicketCredential(
                f[0],
                Long.parseLong(f[1]),
                LocalDate.parse(f[2], DATE),
                LocalTime.parse(f[3], TIME),
                LocalTime.parse(f[4], TIME),
                f[5],
                f[6]);
    }
}
