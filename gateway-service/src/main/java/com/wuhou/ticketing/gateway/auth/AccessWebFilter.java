package com.wuhou.ticketing.gateway.auth;

import com.wuhou.ticketing.gateway.problem.ProblemWriter;
import com.wuhou.ticketing.platform.access.Access;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Decides what every request needs ({@link Access}) before routes are matched, on the path as sent.
 * A path that is not canonical never reaches a route: the routes' predicates decode and normalise
 * paths, so a filter reading the raw text could take {@code /%61dmin/v1/devices} for a public path
 * while the route sends it to an operator endpoint. The credential filters read the decision from
 * {@link #needs}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AccessWebFilter implements WebFilter {

    private static final String ATTRIBUTE = AccessWebFilter.class.getName() + ".needs";

    private final ProblemWriter writer;

    AccessWebFilter(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Access.Decision decision = Access.decide(
                exchange.getRequest().getMethod().name(),
                exchange.getRequest().getURI().getRawPath());
        if (decision.canonical()) {
            exchange.getAttributes().put(ATTRIBUTE, decision.needs());
            return chain.filter(exchange);
        }
        if (decision.refusedAsUnauthenticated()) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, OperatorAuthFilter.CHALLENGE);
            return writer.write(
                    exchange, CommonErrorCode.UNAUTHORIZED, "Protected paths are accepted only in canonical form");
        }
        return writer.write(
                exchange,
                CommonErrorCode.PATH_NOT_CANONICAL,
                "Send the path in canonical form: no encoded ASCII, ';' parameters, empty or dot segments");
    }

    /** What the request needs, as decided before routing. */
    public static Access.Needs needs(ServerWebExchange exchange) {
        Access.Needs needs = exchange.getAttribute(ATTRIBUTE);
        // Every routed request passed the filter above; refuse anything that somehow did not.
        return needs == null ? Access.Needs.OPERATOR_TOKEN : needs;
    }
}
