package com.wuhou.ticketing.gateway.ratelimit;

import com.wuhou.ticketing.gateway.GatewayProperties;
import com.wuhou.ticketing.gateway.problem.ProblemWriter;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A Redis token bucket per route and client IP (the CC-attack defence). Over the limit the answer is
 * {@code 429} with {@code Retry-After}. If Redis is unreachable the limiter lets requests through:
 * losing the limit for a while is better than losing the site.
 */
@Component
class ClientIpRateLimitFilter implements GlobalFilter, Ordered {

    private final RedisRateLimiter limiter;
    private final GatewayProperties properties;
    private final RemoteAddressResolver addressResolver;
    private final ProblemWriter writer;
    // The limiter's own config map is not thread-safe: add each route's limit once, under a lock.
    private final Set<String> configuredRoutes = ConcurrentHashMap.newKeySet();

    ClientIpRateLimitFilter(RedisRateLimiter limiter, GatewayProperties properties, ProblemWriter writer) {
        this.limiter = limiter;
        this.properties = properties;
        this.writer = writer;
        this.addressResolver = clientAddressResolver(properties.trustedProxies());
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
        GatewayProperties.Limit limit = properties.rateLimit().forRoute(routeId);
        if (!configuredRoutes.contains(routeId)) {
            configure(routeId, limit);
        }
        return limiter.isAllowed(routeId, routeId + ":" + clientIp(exchange)).flatMap(response -> {
            if (response.isAllowed()) {
                return chain.filter(exchange);
            }
            exchange.getResponse().getHeaders().set("Retry-After", retryAfterSeconds(limit));
            return writer.write(exchange, CommonErrorCode.RATE_LIMITED, "Too many requests from this address");
        });
    }

    private void configure(String routeId, GatewayProperties.Limit limit) {
        synchronized (limiter) {
            limiter.getConfig()
                    .put(
                            routeId,
                            new RedisRateLimiter.Config()
                                    .setReplenishRate(limit.replenishRate())
                                    .setBurstCapacity(limit.burstCapacity())
                                    .setRequestedTokens(1));
            configuredRoutes.add(routeId);
        }
    }

    private String clientIp(ServerWebExchange exchange) {
        InetSocketAddress address = addressResolver.resolve(exchange);
        if (address == null) {
            return "unknown";
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    /** One token comes back every 1/rate seconds; round up to whole seconds as the header demands. */
    static String retryAfterSeconds(GatewayProperties.Limit limit) {
        return Long.toString(Math.max(1, (long) Math.ceil(1.0 / limit.replenishRate())));
    }

    @Override
    public int getOrder() {
        // After the route is known, before the load balancer picks an instance.
        return Ordered.HIGHEST_PRECEDENCE + 1000;
    }
}
