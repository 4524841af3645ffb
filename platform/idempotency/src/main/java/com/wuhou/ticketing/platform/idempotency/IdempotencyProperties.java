package com.wuhou.ticketing.platform.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code ticketing.idempotency}.
 *
 * @param inProgressTimeout how long a first request may run before a retry with the same key and body
 *     takes over (it is then assumed dead); longer than the slowest creating request
 * @param retention how long a key is remembered (clients retry within minutes; a day is generous)
 * @param cleanupInterval how often records older than {@code retention} are deleted
 */
@ConfigurationProperties(prefix = "ticketing.idempotency")
public record IdempotencyProperties(
        @DefaultValue("30s") Duration inProgressTimeout,
        @DefaultValue("24h") Duration retention,
        @DefaultValue("10m") Duration cleanupInterval) {

    public IdempotencyProperties {
        requirePositive("in-progress-timeout", inProgressTimeout);
        requirePositive("retention", retention);
        requirePositive("cleanup-interval", cleanupInterval);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("ticketing.idempotency." + name + " must be positive: " + value);
        }
    }
}
