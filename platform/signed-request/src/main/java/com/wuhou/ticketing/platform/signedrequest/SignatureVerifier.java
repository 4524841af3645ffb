package com.wuhou.ticketing.platform.signedrequest;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * The one check of signed requests, in the steps a caller (the gateway, reactive) runs between its own
 * look-ups: {@link #parse} the headers and the time window, look the key up, {@link #verify} the
 * signature with it, then remember the nonce for {@link #window()} and refuse it if it was seen.
 * Keys and nonces live where the caller keeps them (Redis, for the gateway).
 */
public final class SignatureVerifier {

    /** The headers of one request, parsed and within the window. */
    public record Presented(String keyId, long timestamp, String nonce, byte[] signature) {}

    private final Duration window;
    private final Clock clock;

    public SignatureVerifier(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    /** How far a timestamp may be from now, either way; nonces must be remembered this long. */
    public Duration window() {
        return window;
    }

    /**
     * Reads the four headers and checks the timestamp against the window.
     *
     * @param header a request header by name, or {@code null} when absent
     */
    public Presented parse(UnaryOperator<String> header) throws SignatureException {
        String keyId = required(header, SignedRequests.KEY_ID);
        String timestamp = header.apply(SignedRequests.TIMESTAMP);
        String nonce = required(header, SignedRequests.NONCE);
        String signature = required(header, SignedRequests.SIGNATURE);
        if (keyId.length() > 64) {
            throw new SignatureException(SignatureFailure.BAD_SIGNATURE, "X-Key-Id is longer than 64 characters");
        }
        if (nonce.length() < SignedRequests.MIN_NONCE_LENGTH || nonce.length() > SignedRequests.MAX_NONCE_LENGTH) {
            throw new SignatureException(
                    SignatureFailure.BAD_SIGNATURE,
                    "X-Nonce must be " + SignedRequests.MIN_NONCE_LENGTH + " to " + SignedRequests.MAX_NONCE_LENGTH
                            + " characters");
        }
        long at;
        try {
            at = Long.parseLong(timestamp == null ? "" : timestamp.strip());
        } catch (NumberFormatException e) {
            throw new SignatureException(SignatureFailure.SIGNATURE_EXPIRED, "X-Timestamp must be epoch milliseconds");
        }
        if (Math.abs(clock.millis() - at) > window.toMillis()) {
            throw new SignatureException(
                    SignatureFailure.SIGNATURE_EXPIRED,
                    "X-Timestamp is more than " + window.toMinutes() + " minutes from the platform's clock");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            throw new SignatureException(SignatureFailure.BAD_SIGNATURE, "X-Signature is not Base64");
        }
        return new Presented(keyId, at, nonce, decoded);
    }

    /**
     * Checks the signature with the key the caller found for {@link Presented#keyId()} (in constant
     * time).
     *
     * @param key the key, or {@code null} when none has that id
     * @param bodyHash hex(SHA-256(body)) of the body as received
     */
    public void verify(Presented presented, String method, String pathWithQuery, String bodyHash, SigningKey key)
            throws SignatureException {
        if (key == null || !key.active()) {
            throw new SignatureException(SignatureFailure.UNKNOWN_KEY, "No active key " + presented.keyId());
        }
        String canonical = SignedRequests.canonical(
                method, pathWithQuery, Long.toString(presented.timestamp()), presented.nonce(), bodyHash);
        if (!MessageDigest.isEqual(SignedRequests.hmac(key.secret(), canonical), presented.signature())) {
            throw new SignatureException(SignatureFailure.BAD_SIGNATURE, "The signature does not match the request");
        }
    }

    private static String required(UnaryOperator<String> header, String name) throws SignatureException {
        String value = header.apply(name);
        if (value == null || value.isBlank()) {
            throw new SignatureException(SignatureFailure.BAD_SIGNATURE, name + " is missing");
        }
        return value.strip();
    }
}
