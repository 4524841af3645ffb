package com.wuhou.ticketing.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code ticketing.outbox}.
 *
 * @param enabled whether this instance relays events to Redis (appending works either way)
 * @param relayInterval pause between relay runs; each run relays everything pending
 * @param batchSize events relayed per local transaction
 * @param stream the Redis stream; {@code events:<spring.application.name>} when not set
 * @param maxLength approximate number of entries the stream keeps (older ones are trimmed)
 * @param retention how long relayed rows stay in the table (for investigation) before deletion
 * @param cleanupInterval how often relayed rows older than {@code retention} are deleted
 * @param settleDelay how long an event waits before it is relayed. A service that appends inside Seata
 *     global transactions sets it above their timeout: such a row is committed locally before the
 *     global outcome is known, and relaying (updating) it first would make Seata's undo of a rolled-back
 *     branch fail as "dirty"
 */
@ConfigurationProperties(prefix = "ticketing.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500ms") Duration relayInterval,
        @DefaultValue("100") int batchSize,
        String stream,
        @DefaultValue("1000000") long maxLength,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1h") Duration cleanupInterval,
        @DefaultValue("0s") Duration settleDelay) {

    public OutboxProperties {
        if (batchSize < 1 || maxLength < 1) {
            throw new IllegalArgumentException("ticketing.outbox.batch-size and max-length must be positive");
        }
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("ticketing.outbox.retention must be positive: " + retention);
        }
    }

    /** The stream to write to, given the application's name. */
    String streamFor(String applicationName) {
        return stream != null && !stream.isBlank() ? stream : "events:" + applicationName;
    }
}
