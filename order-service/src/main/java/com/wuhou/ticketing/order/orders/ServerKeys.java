package com.wuhou.ticketing.order.orders;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a configured secret key: Base64 of at least 32 bytes, or one made at start-up in tests only. */
final class ServerKeys {

    private static final Logger log = LoggerFactory.getLogger(ServerKeys.class);

    private ServerKeys() {}

    /**
     * @param property the setting, for messages ({@code ticketing.order.visitor-hash-key})
     * @param env the environment variable that sets it outside tests
     * @param ephemeral whether a missing key may be made now (tests: nothing made with it survives a
     *     restart)
     */
    static byte[] load(String configured, String property, String env, boolean ephemeral) {
        if (configured != null && !configured.isBlank()) {
            byte[] key = Base64.getDecoder().decode(configured.strip());
            if (key.length < 32) {
                throw new IllegalStateException(property + " must be at least 32 bytes");
            }
            return key;
        }
        if (!ephemeral) {
            throw new IllegalStateException(property + " must be set (environment " + env + ", Base64 of 32+ bytes)");
        }
        log.warn("{} is a key made at start-up (tests only)", property);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
