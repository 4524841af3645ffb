package com.wuhou.ticketing.order.payment.sandbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code ticketing.payment.sandbox}: the test payment provider, off in production.
 *
 * @param enabled whether buyers may pay with method {@code SANDBOX} (off unless set: anyone could pay
 *     with it)
 * @param secret HMAC key the sandbox signs its notices with (empty: one made at start-up, fine while
 *     notices go back to the same instance)
 * @param notifyUrl where the sandbox posts notices (a real provider calls the public URL)
 * @param payAfter default time the "payer" takes to pay
 * @param pollInterval how often due notices are sent
 */
@ConfigurationProperties(prefix = "ticketing.payment.sandbox")
public record SandboxProperties(
        boolean enabled,
        String secret,
        String notifyUrl,
        @DefaultValue("300ms") Duration payAfter,
        @DefaultValue("200ms") Duration pollInterval) {}
