package com.wuhou.ticketing.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code ticketing.order}. Keys come from the environment (a Kubernetes Secret or the
 * devstack's generated files), never from a file in the repository.
 *
 * @param maxVisitors most visitors (tickets) in one order
 * @param payTimeout how long an unpaid order holds its places
 * @param expiryInterval how often unpaid orders past their deadline are looked for
 * @param expiryBackoffMax the longest wait before an order whose expiry failed is tried again (the wait
 *     doubles from {@code expiryInterval} with each failure)
 * @param visitorHashKey Base64 key (at least 32 bytes) of the visitors' document hashes; every channel
 *     must use the same one, or the per-ID daily limit would not hold across channels
 * @param orderTokenKey Base64 key (at least 32 bytes) that order tokens are derived from; held by
 *     order-service alone (gates and channels hold the visitor key, and order numbers are printed in
 *     QR payloads), so it must differ from the visitor key
 * @param ticketPrivateKey Base64 PKCS#8 Ed25519 key that signs e-tickets
 * @param ticketPublicKey its Base64 X.509 public half, published for gates
 * @param ephemeralKeys make the keys at start-up when none are configured (tests only: tickets would
 *     not verify after a restart)
 * @param soldOutMemo how long a sold-out answer for a session is repeated without asking inventory
 * @param createConcurrency how many orders this instance creates at once (each holds a database
 *     connection and a call to inventory; more at once only queue inside MySQL, Seata and inventory)
 * @param createQueueWait how long a creation waits for its turn (up to four times {@code createConcurrency}
 *     wait; more are refused at once) before the buyer gets
 *     {@code 429 BUSY} with {@code Retry-After}
 * @param faultInjection honour the {@code X-Fault-Injection} header (consistency tests only)
 * @param eventPollBlock how long one read of checkin-service's events waits for new ones
 * @param claimAfter how long such an event may stay unacknowledged (its consumer died, or it failed)
 *     before another instance takes it
 * @param holdGrace how long after an order's pay deadline inventory keeps its places if nobody
 *     confirms or releases them (this service expires the order at the deadline; the hold's own
 *     expiry covers a creation that crashed between the hold and the order's write). Keep it well
 *     above {@code expiryBackoffMax}: an order whose expiry keeps failing (its provider unreachable)
 *     must keep its places until the provider says whether it was paid
 */
@ConfigurationProperties(prefix = "ticketing.order")
public record OrderProperties(
        @DefaultValue("5") int maxVisitors,
        @DefaultValue("15m") Duration payTimeout,
        @DefaultValue("5s") Duration expiryInterval,
        @DefaultValue("5m") Duration expiryBackoffMax,
        String visitorHashKey,
        String orderTokenKey,
        String ticketPrivateKey,
        String ticketPublicKey,
        boolean ephemeralKeys,
        @DefaultValue("1s") Duration soldOutMemo,
        @DefaultValue("16") int createConcurrency,
        @DefaultValue("2s") Duration createQueueWait,
        boolean faultInjection,
        @DefaultValue("1s") Duration eventPollBlock,
        @DefaultValue("30s") Duration claimAfter,
        @DefaultValue("30m") Duration holdGrace) {}
