package com.wuhou.ticketing.gateway;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Settings under {@code ticketing.gateway}.
 *
 * @param trustedProxies how many proxies (ingress, load balancer) in front of the gateway append to
 *     {@code X-Forwarded-For}; 0 means the TCP peer is the client
 * @param rateLimit per-client-IP limits, a default and overrides by route id
 * @param operatorTokenPublicKey Base64 X.509 Ed25519 key that verifies operator tokens on
 *     {@code /admin/v1/**} (required)
 * @param soldOutMemo how long a session answered as sold out is refused from memory before one buyer is
 *     let through to ask again
 * @param signingKeyEncryptionKey Base64 of 32 bytes that opens the sealed secrets of signed requests
 *     (devices, channels), shared with the services that issue them (required)
 */
@ConfigurationProperties(prefix = "ticketing.gateway")
public record GatewayProperties(
        @DefaultValue("0") int trustedProxies,
        @DefaultValue RateLimit rateLimit,
        String operatorTokenPublicKey,
        String signingKeyEncryptionKey,
        @DefaultValue("1s") Duration soldOutMemo) {

    /**
     * @param defaults the limit of routes without their own entry
     * @param routes limits by route id
     */
    public record RateLimit(@Name("default") @DefaultValue Limit defaults, Map<String, Limit> routes) {

        public Limit forRoute(String routeId) {
            return routes != null && routes.containsKey(routeId) ? routes.get(routeId) : defaults;
        }
    }

    /**
     * A token bucket per client IP and route.
     *
     * @param replenishRate tokens added per second (the sustained request rate)
     * @param burstCapacity bucket size (the largest burst)
     */
    public record Limit(
            @DefaultValue("200") int replenishRate,
            @DefaultValue("400") int burstCapacity) {}
}
