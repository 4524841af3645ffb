package com.wuhou.ticketing.order.orders;

import com.wuhou.ticketing.order.OrderProperties;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The server key behind visitors' document hashes and order tokens. */
@Component
class VisitorKeys {

    private static final Logger log = LoggerFactory.getLogger(VisitorKeys.class);

    private final byte[] key;

    VisitorKeys(OrderProperties properties) {
        String configured = properties.visitorHashKey();
        if (configured != null && !configured.isBlank()) {
            key = Base64.getDecoder().decode(configured.strip());
            if (key.length < 32) {
                throw new IllegalStateException("ticketing.order.visitor-hash-key must be at least 32 bytes");
            }
        } else if (properties.ephemeralKeys()) {
            log.warn("Hashing visitors' documents with a key made at start-up (tests only)");
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        } else {
            throw new IllegalStateException(
                    "ticketing.order.visitor-hash-key must be set (environment VISITOR_HASH_KEY, Base64 of 32+ bytes)");
        }
    }

    byte[] key() {
        return key.clone();
    }
}
