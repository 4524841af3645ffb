package com.wuhou.ticketing.inventory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code ticketing.inventory}.
 *
 * @param reconcileInterval how often Redis counters are brought in line with the ledger
 * @param reconcileGrace how old an admission that has no ledger rows must be before the reconciler
 *     gives its places back (younger ones may still be writing their rows)
 * @param catalogueCache how long a hold reuses a session, calendar day or price list it read
 * @param holdLifetimeMax how far ahead a hold may ask to expire
 * @param holdLifetimeDefault how long a hold that names no expiry lasts
 * @param expiryInterval how often places held past their expiry are given back
 */
@ConfigurationProperties(prefix = "ticketing.inventory")
public record InventoryProperties(
        @DefaultValue("30s") Duration reconcileInterval,
        @DefaultValue("60s") Duration reconcileGrace,
        @DefaultValue("1s") Duration catalogueCache,
        @DefaultValue("2h") Duration holdLifetimeMax,
        @DefaultValue("30m") Duration holdLifetimeDefault,
        @DefaultValue("5s") Duration expiryInterval) {}
