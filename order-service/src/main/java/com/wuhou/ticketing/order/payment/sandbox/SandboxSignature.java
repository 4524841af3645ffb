package com.wuhou.ticketing.order.payment.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How sandbox notices are signed, as real providers sign theirs: {@code X-Sandbox-Signature} is
 * Base64(HMAC-SHA256(secret, timestamp + "\n" + body)) and {@code X-Sandbox-Timestamp} epoch millis;
 * notices older or newer than five minutes are refused, so a captured notice cannot be replayed later.
 */
public final class SandboxSignature {

    public static final String SIGNATURE_HEADER = "X-Sandbox-Signature";
    public static final String TIMESTAMP_HEADER = "X-Sandbox-Timestamp";

    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final byte[] secret;
    private final Clock clock;

    SandboxSignature(byte[] secret, Clock clock) {
        this.secret = secret.clone();
        this.clock = clock;
    }

    String sign(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal((timestamp + "\n" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a notice is the sandbox's own and fresh. */
    public boolean verify(String timestamp, String signature, String body) {
        if (timestamp == null || signature == null || body == null) {
            return false;
        }
        long at;
        try {
            at = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(clock.millis() - at) > WINDOW.toMillis()) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(at, body).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }
}
