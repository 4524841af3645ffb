package com.wuhou.ticketing.platform.signedrequest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signing scheme: what is signed and how, for signers and the verifier alike. */
public final class SignedRequests {

    public static final String KEY_ID = "X-Key-Id";
    public static final String TIMESTAMP = "X-Timestamp";
    public static final String NONCE = "X-Nonce";
    public static final String SIGNATURE = "X-Signature";

    /** Shortest nonce accepted. */
    public static final int MIN_NONCE_LENGTH = 16;

    /** Longest nonce accepted (it is kept in Redis for the window). */
    public static final int MAX_NONCE_LENGTH = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SignedRequests() {}

    /** hex(SHA-256(body)); an absent body is hashed as empty. */
    public static String bodyHash(byte[] body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The text that is signed: METHOD, path with query, timestamp, nonce and body hash, one per line. */
    public static String canonical(
            String method, String pathWithQuery, String timestamp, String nonce, String bodyHash) {
        return method.toUpperCase(Locale.ROOT) + "\n" + pathWithQuery + "\n" + timestamp + "\n" + nonce + "\n"
                + bodyHash;
    }

    /** Base64(HMAC-SHA256(secret, canonical)). */
    public static String signature(byte[] secret, String canonical) {
        return Base64.getEncoder().encodeToString(hmac(secret, canonical));
    }

    /**
     * Base64(HMAC-SHA256(secret, content)): how the platform signs an answer only the device holding
     * {@code secret} should trust (its offline package), over the exact bytes sent.
     */
    public static String signature(byte[] secret, byte[] content) {
        return Base64.getEncoder().encodeToString(hmac(secret, content));
    }

    static byte[] hmac(byte[] secret, String canonical) {
        return hmac(secret, canonical.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] secret, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A fresh random nonce (32 URL-safe characters). */
    public static String newNonce() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The four headers that sign one request now, for a device or channel client. */
    public static Map<String, String> sign(
            String keyId, byte[] secret, String method, String pathWithQuery, byte[] body, Clock clock) {
        String timestamp = Long.toString(clock.millis());
        String nonce = newNonce();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(KEY_ID, keyId);
        headers.put(TIMESTAMP, timestamp);
        headers.put(NONCE, nonce);
        headers.put(SIGNATURE, signature(secret, canonical(method, pathWithQuery, timestamp, nonce, bodyHash(body))));
        return headers;
    }
}
