package com.wuhou.ticketing.checkin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code ticketing.checkin}. Keys come from the environment (a Kubernetes Secret or the
 * devstack's generated files), never from a file in the repository.
 *
 * @param signingKeyEncryptionKey Base64 of 32 bytes that seals device secrets at rest; the gateway
 *     opens them with the same key (environment {@code SIGNING_KEY_ENCRYPTION_KEY})
 * @param ephemeralKeys make the key at start-up when none is configured (tests only: sealed secrets
 *     would not open after a restart)
 * @param keySync how often the gateway's copy of the device keys (Redis) is rebuilt from the database
 * @param orderEvents the stream of order-service's events (paid, refunded tickets)
 * @param eventPollBlock how long one read of the stream waits for new events
 * @param claimAfter how long an event may stay unacknowledged (its consumer died, or it failed)
 *     before another consumer takes it
 * @param ticketPublicKey Base64 X.509 Ed25519 key that verifies e-tickets' QR content (order-service
 *     signs with its private half; environment {@code TICKET_SIGNING_PUBLIC_KEY})
 * @param visitorHashKey Base64 key of visitors' document hashes, the same as order-service's, so an
 *     ID number presented at a gate finds its tickets (environment {@code VISITOR_HASH_KEY})
 * @param entryGrace how long before a session starts and after it ends a ticket still admits
 * @param siteCapacity most visitors inside the site at once (0: no limit set)
 * @param alertAt the share of {@code siteCapacity} at which the headcount alert turns on
 * @param groupCommit how online verifications share write transactions
 */
@ConfigurationProperties(prefix = "ticketing.checkin")
public record CheckinProperties(
        String signingKeyEncryptionKey,
        boolean ephemeralKeys,
        @DefaultValue("30s") Duration keySync,
        @DefaultValue("events:order-service") String orderEvents,
        @DefaultValue("1s") Duration eventPollBlock,
        @DefaultValue("30s") Duration claimAfter,
        String ticketPublicKey,
        String visitorHashKey,
        @DefaultValue("30m") Duration entryGrace,
        @DefaultValue("0") int siteCapacity,
        @DefaultValue("0.9") double alertAt,
        @DefaultValue GroupCommit groupCommit) {

    /**
     * Online verifications waiting at the same moment are decided and written in one transaction (see
     * docs/gate-path.md, "Group commit").
     *
     * @param maxScans most scans one transaction decides and writes (1: each scan on its own)
     * @param linger how long a writer waits for more scans once it has one (0: it takes only what is
     *     waiting already, so a lone scan is never delayed)
     * @param writers threads writing groups, each holding one database connection while it writes
     * @param answerTimeout the longest a scan waits in the queue before it is dropped unwritten and its
     *     gate answered 503 (keep it below the gates' own timeout, 2 s for the simulator); a scan already
     *     being written is answered with what was committed
     */
    public record GroupCommit(
            @DefaultValue("64") int maxScans,
            @DefaultValue("0ms") Duration linger,
            @DefaultValue("2") int writers,
            @DefaultValue("1500ms") Duration answerTimeout) {}
}
