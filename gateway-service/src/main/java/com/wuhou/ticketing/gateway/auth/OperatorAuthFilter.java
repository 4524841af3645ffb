package com.wuhou.ticketing.gateway.auth;

import com.wuhou.ticketing.gateway.GatewayProperties;
import com.wuhou.ticketing.gateway.problem.ProblemWriter;
import com.wuhou.ticketing.platform.access.Access;
import com.wuhou.ticketing.platform.operatortoken.OperatorTokens;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import java.security.PublicKey;
import java.time.Clock;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Operators only: every request that {@link AccessWebFilter} found to need an operator token (every
 * {@code /admin/**} path but the login) must carry a valid one. The token goes on to the service,
 * which verifies it again and takes the operator from it; no header of the caller's names anyone.
 */
@Component
class OperatorAuthFilter implements GlobalFilter, Ordered {

    static final String CHALLENGE = "Bearer realm=\"wuhou-ticketing\"";

    private final PublicKey key;
    private final ProblemWriter writer;
    private final Clock clock = Clock.systemUTC();

    OperatorAuthFilter(GatewayProperties properties, ProblemWriter writer) {
        String encoded = properties.operatorTokenPublicKey();
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalStateException(
                    "ticketing.gateway.operator-token-public-key (env OPERATOR_TOKEN_PUBLIC_KEY)"
                            + " must hold the Base64 X.509 Ed25519 key that verifies operator tokens");
        }
        this.key = OperatorTokens.publicKey(encoded);
        this.writer = writer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (AccessWebFilter.needs(exchange) != Access.Needs.OPERATOR_TOKEN) {
            return chain.filter(exchange);
        }
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return refuse(exchange, "An operator token is required (Authorization: Bearer …)");
        }
        try {
            OperatorTokens.verify(
                    key, authorization.substring("Bearer ".length()).strip(), clock);
        } catch (OperatorTokens.InvalidTokenException e) {
            return refuse(exchange, "The operator token is not valid: " + e.getMessage());
        }
        return chain.filter(exchange);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String detail) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        return writer.write(exchange, CommonErrorCode.UNAUTHORIZED, detail);
    }

    @Override
    public int getOrder() {
        // After the rate limit (so password and token guessing is throttled), before routing.
        return Ordered.HIGHEST_PRECEDENCE + 1100;
    }
}
