package com.wuhou.ticketing.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.wuhou.ticketing.gateway.GatewayProperties;
import com.wuhou.ticketing.gateway.problem.ProblemWriter;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A token bucket per route and client IP (the CC-attack defence), kept in this instance's memory
 * (Bucket4j): each of the gateway's instances enforces its share of the cluster-wide limit
 * ({@link GatewayShare}), since the load balancer in front spreads a client's requests over them.
 * Over the limit the answer is {@code 429} with {@code Retry-After}. No Redis round trip per request
 * (ADR 11): it cost more gateway CPU than proxying, and a Redis outage cannot lift the limit.
 */
@Component
class ClientIpRateLimitFilter implements GlobalFilter, Ordered {

    /** More distinct clients than this in one bucket lifetime and the idlest lose their bucket (a full one). */
    private static final long MAX_BUCKETS = 200_000;

    /** The longest textual IP address (IPv6 with an embedded IPv4 part). */
    private static final int MAX_ADDRESS_LENGTH = 45;

    private final GatewayProperties properties;
    private final GatewayShare share;
    private final RemoteAddressResolver addressResolver;
    private final ProblemWriter writer;
    private final Cache<String, Bucket> buckets;

    ClientIpRateLimitFilter(GatewayProperties properties, GatewayShare share, ProblemWriter writer) {
        this.properties = properties;
        this.share = share;
        this.writer = writer;
        this.addressResolver = clientAddressResolver(properties.trustedProxies());
        // A bucket untouched for a minute is full again for any limit whose burst is at most a minute of
        // tokens (all configured ones are): forgetting it changes nothing.
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_BUCKETS)
                .expireAfterAccess(Duration.ofSeconds(60))
                .build();
    }

    /**
     * The client is the TCP peer, or behind N trusted proxies the N-th {@code X-Forwarded-For} entry from the
     * right: each proxy appends the address it saw, so that entry is what the outermost trusted proxy saw. Entries
     * further left are whatever the client sent and never count.
     */
    static RemoteAddressResolver clientAddressResolver(int trustedProxies) {
        return trustedProxies > 0
                ? XForwardedRemoteAddressResolver.maxTrustedIndex(trustedProxies)
                : new RemoteAddressResolver() {};
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        String routeId = route.getId();
        int instances = share.instances();
        // The share is in the key: when instances come or go, buckets of the new size replace the old ones.
        Bucket bucket = buckets.get(
                routeId + '|' + instances + '|' + clientIp(exchange),
                key -> bucket(properties.rateLimit().forRoute(routeId), instances));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().set("Retry-After", retryAfterSeconds(probe.getNanosToWaitForRefill()));
        return writer.write(exchange, CommonErrorCode.RATE_LIMITED, "Too many requests from this address");
    }

    private String clientIp(ServerWebExchange exchange) {
        InetSocketAddress address = addressResolver.resolve(exchange);
        if (address == null) {
            return "unknown";
        }
        String ip = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        // An X-Forwarded-For entry is text a client may have written: anything longer than an IPv6
        // address shares one bucket instead of growing the cache with kilobyte keys.
        return ip.length() <= MAX_ADDRESS_LENGTH ? ip : "malformed";
    }

    /** Whole seconds, rounded up as the header demands, until the next token. */
    static String retryAfterSeconds(long nanosToWait) {
        return Long.toString(Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L));
    }

    @Override
    public int getOrder() {
        // After the route is known, before the load balancer picks an instance.
        return Ordered.HIGHEST_PRECEDENCE + 1000;
    }

    /**
     * One client's bucket on one route, sized for this instance's share of the limit: the configured
     * tokens come back over {@code instances} seconds instead of one (no rounding: 1/s shared by three
     * instances stays 1/s in all).
     */
    static Bucket bucket(GatewayProperties.Limit limit, int instances) {
        long burst = Math.max(1, limit.burstCapacity() / instances);
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(burst)
                        .refillGreedy(limit.replenishRate(), Duration.ofSeconds(instances))
                        .build())
                .build();
    }
}
