package com.wuhou.ticketing.platform.signedrequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How issued keys are published for the gateway: one Redis hash, {@value #REDIS_HASH}, field = key id,
 * value = {@code principal|ACTIVE or REVOKED|version|Base64(sealed secret)}. The secret is sealed
 * bound to the key id, principal, status and version, so whoever can write Redis can neither give a
 * key to another principal nor turn a revoked one active again by editing a record. Each change of a
 * key has a higher version, and issuers publish with {@link #PUBLISH_SCRIPT}, which keeps a newer
 * record: a republisher that read the database before a revocation cannot overwrite it. (An old
 * record replayed whole is still refused by the issuing service itself, which checks its own keys.)
 * The issuing service (the database is its source of truth) writes; the gateway only reads.
 */
public final class KeyRecords {

    /**
     * A new name for the bound records: gateways and issuers of the older, unbound format keep using
     * theirs during a rolling upgrade (deploy checkin-service first, then the gateway).
     */
    public static final String REDIS_HASH = "signing-keys:v2";

    /**
     * Sets a record unless the hash holds a newer version of it. KEYS: the hash. ARGV: key id, record,
     * version. Returns 1 when written, 0 when a newer one was kept.
     */
    public static final String PUBLISH_SCRIPT = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if current then
              local version = tonumber(string.match(current, '^[^|]*|[^|]*|(%d+)|'))
              if version and version > tonumber(ARGV[3]) then
                return 0
              end
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """;

    private static final String ACTIVE = "ACTIVE";
    private static final String REVOKED = "REVOKED";

    private KeyRecords() {}

    /** The record of a key, its secret sealed with {@code box} and bound to every other field. */
    public static String encode(
            String keyId, String principal, boolean active, long version, byte[] secret, SecretBox box) {
        if (principal.indexOf('|') >= 0) {
            throw new IllegalArgumentException("a principal cannot contain '|': " + principal);
        }
        String status = active ? ACTIVE : REVOKED;
        return principal + "|" + status + "|" + version + "|"
                + Base64.getEncoder().encodeToString(box.seal(secret, context(keyId, principal, status, version)));
    }

    /**
     * The key a published value describes, its secret opened with {@code box}.
     *
     * @throws IllegalArgumentException when the value is malformed, or was changed or moved since it
     *     was sealed
     */
    public static SigningKey decode(String keyId, String value, SecretBox box) {
        String[] parts = value.split("\\|", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a key record: " + keyId);
        }
        long version;
        try {
            version = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a key record: " + keyId, e);
        }
        byte[] secret = box.open(Base64.getDecoder().decode(parts[3]), context(keyId, parts[0], parts[1], version));
        return new SigningKey(keyId, secret, parts[0], ACTIVE.equals(parts[1]));
    }

    private static byte[] context(String keyId, String principal, String status, long version) {
        return ("signing-key|" + keyId + "|" + principal + "|" + status + "|" + version)
                .getBytes(StandardCharsets.UTF_8);
    }
}
