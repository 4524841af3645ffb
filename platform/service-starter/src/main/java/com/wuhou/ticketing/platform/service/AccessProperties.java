package com.wuhou.ticketing.platform.service;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code ticketing.access}: how a service checks its callers itself.
 *
 * @param operatorTokenPublicKey Base64 X.509 Ed25519 key that verifies operator tokens (environment
 *     {@code OPERATOR_TOKEN_PUBLIC_KEY}, the same key the gateway verifies with); required
 * @param signatureWindow how far a signed request's timestamp may be from now
 * @param maxSignedBody the largest body a signed request may carry (it is read whole to be checked)
 */
@ConfigurationProperties(prefix = "ticketing.access")
public record AccessProperties(
        String operatorTokenPublicKey,
        @DefaultValue("5m") Duration signatureWindow,
        @DefaultValue("1MB") DataSize maxSignedBody) {}
