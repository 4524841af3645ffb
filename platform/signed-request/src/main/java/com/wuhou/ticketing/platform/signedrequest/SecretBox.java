package com.wuhou.ticketing.platform.signedrequest;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals signing secrets at rest (AES-256-GCM, a random 12-byte nonce in front of each sealed value).
 * The service that issues secrets seals them and the gateway opens them, both with the same key from
 * a secret ({@code SIGNING_KEY_ENCRYPTION_KEY}); the database and Redis only ever hold sealed values.
 */
public final class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param base64Key Base64 of exactly 32 bytes */
    public SecretBox(String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the signing-key encryption key is not Base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("the signing-key encryption key must be 32 bytes, not " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** A fresh random secret of 32 bytes, for a new device or channel. */
    public static byte[] newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return secret;
    }

    public byte[] seal(byte[] secret) {
        return seal(secret, null);
    }

    /**
     * Seals {@code secret} bound to {@code context} (authenticated, not encrypted): it opens only with
     * the same context, so a sealed value cannot be moved to another key id or principal.
     */
    public byte[] seal(byte[] secret, byte[] context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            if (context != null) {
                cipher.updateAAD(context);
            }
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** @throws IllegalArgumentException when the value was not sealed with this key or was changed */
    public byte[] open(byte[] sealed) {
        return open(sealed, null);
    }

    /** @throws IllegalArgumentException when not sealed with this key and {@code context}, or changed */
    public byte[] open(byte[] sealed, byte[] context) {
        if (sealed == null || sealed.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("not a sealed value");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            if (context != null) {
                cipher.updateAAD(context);
            }
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("sealed with another key or context, or changed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }
}
