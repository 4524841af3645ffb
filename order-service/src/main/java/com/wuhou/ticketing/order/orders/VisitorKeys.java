package com.wuhou.ticketing.order.orders;

import com.wuhou.ticketing.order.OrderProperties;
import org.springframework.stereotype.Component;

/** The server key behind visitors' document hashes (shared with gates and every sales channel). */
@Component
public class VisitorKeys {

    private final byte[] key;

    VisitorKeys(OrderProperties properties) {
        key = ServerKeys.load(
                properties.visitorHashKey(),
                "ticketing.order.visitor-hash-key",
                "VISITOR_HASH_KEY",
                properties.ephemeralKeys());
    }

    public byte[] key() {
        return key.clone();
    }
}
