package com.wuhou.ticketing.gateway.requestid;

import com.wuhou.ticketing.platform.requestid.RequestId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id (the caller's when acceptable), passes it to the routed service, returns
 * it in the response and writes one access line with it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdWebFilter implements WebFilter {

    /** Exchange attribute holding the id, for handlers that write problem documents. */
    public static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".requestId";

    private static final Logger ACCESS = LoggerFactory.getLogger("ticketing.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId =
                RequestId.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestId.HEADER));
        ServerHttpRequest request = exchange.getRequest()
                .mutate()
                .headers(headers -> headers.set(RequestId.HEADER, requestId))
                .build();
        ServerWebExchange withId = exchange.mutate().request(request).build();
        withId.getAttributes().put(ATTRIBUTE, requestId);
        // Just before the answer is written, so it replaces the routed service's copy of the same id
        // instead of standing beside it.
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(RequestId.HEADER, requestId);
            return Mono.empty();
        });
        long started = System.nanoTime();
        return chain.filter(withId).doFinally(signal -> logAccess(withId, requestId, started));
    }

    private static void logAccess(ServerWebExchange exchange, String requestId, long started) {
        String path = exchange.getRequest().getPath().value();
        if (path.startsWith("/actuator")) {
            return;
        }
        MDC.put(RequestId.MDC_KEY, requestId);
        try {
            ACCESS.info(
                    "{} {} -> {} in {} ms",
                    exchange.getRequest().getMethod(),
                    path,
                    exchange.getResponse().getStatusCode() == null
                            ? "-"
                            : exchange.getResponse().getStatusCode().value(),
                    (System.nanoTime() - started) / 1_000_000);
        } finally {
            MDC.remove(RequestId.MDC_KEY);
        }
    }

    /** The id of this exchange (set by this filter). */
    public static String of(ServerWebExchange exchange) {
        Object id = exchange.getAttribute(ATTRIBUTE);
        return id != null ? id.toString() : exchange.getRequest().getHeaders().getFirst(RequestId.HEADER);
    }
}
