package com.wuhou.ticketing.platform.signedrequest;

import java.util.Base64;

/**
 * How issued keys are published for the gateway: one Redis hash, {@value #REDIS_HASH}, field = key id,
 * value = {@code principal|ACTIVE or REVOKED|Base64(sealed secret)}. The issuing service (the
 * database is its source of truth) writes it; the gateway only reads it.
 */
public final class KeyRecords {

    public static final String REDIS_HASH = "signing-keys";

    private static final String ACTIVE = "ACTIVE";
    private static final String REVOKED = "REVOKED";

    private KeyRecords() {}

    public static String encode(String principal, boolean active, byte[] sealedSecret) {
        if (principal.indexOf('|') >= 0) {
            throw new IllegalArgumentException("a principal cannot contain '|': " + principal);
        }
        return principal + "|" + (active ? ACTIVE : REVOKED) + "|"
                + Base64.getEncoder().encodeToString(sealedSecret);
    }

    /** The key a published value describes, its secret opened with {@code box}. */
    public static SigningKey decode(String keyId, String value, SecretBox box) {
        String[] parts = value.split("\\|", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a key record: " + keyId);
        }
        return new SigningKey(keyId, box.open(Base64.getDecoder().decode(parts[2])), parts[0], ACTIVE.equals(parts[1]));
    }
}
