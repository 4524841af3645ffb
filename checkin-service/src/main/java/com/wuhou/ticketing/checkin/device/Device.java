package com.wuhou.ticketing.checkin.device;

import java.time.Instant;

/**
 * A gate device as operators see it (never with its secret).
 *
 * @param keyId what the device sends as {@code X-Key-Id}
 * @param status {@code ACTIVE} or {@code REVOKED}
 */
public record Device(
        long deviceId,
        String name,
        String gate,
        String area,
        String keyId,
        String status,
        Instant createdAt,
        Instant revokedAt) {

    public static final String ACTIVE = "ACTIVE";
    public static final String REVOKED = "REVOKED";
}
