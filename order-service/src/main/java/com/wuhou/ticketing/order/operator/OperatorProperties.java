package com.wuhou.ticketing.order.operator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code ticketing.operators}; the secrets come from the environment (a Kubernetes
 * Secret, or the devstack's generated files), never from a file in the repository.
 *
 * @param bootstrapUsername the first operator, created at start-up when it does not exist
 * @param bootstrapPassword that operator's initial password (stored only as a hash)
 * @param tokenPrivateKey Base64 PKCS#8 Ed25519 key that signs access tokens
 * @param ephemeralKey sign with a key made at start-up when none is configured (tests only: the
 *     gateway cannot verify such tokens)
 * @param tokenTtl how long an access token is valid
 */
@ConfigurationProperties(prefix = "ticketing.operators")
public record OperatorProperties(
        String bootstrapUsername,
        String bootstrapPassword,
        String tokenPrivateKey,
        boolean ephemeralKey,
        @DefaultValue("15m") Duration tokenTtl) {}
