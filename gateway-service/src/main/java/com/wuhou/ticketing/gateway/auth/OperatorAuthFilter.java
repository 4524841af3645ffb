package com.wuhou.ticketing.gateway.auth;

import com.wuhou.ticketing.gateway.GatewayProperties;
import com.wuhou.ticketing.gateway.problem.ProblemWriter;
import com.wuhou.ticketing.platform.operatortoken.OperatorTokens;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import java.security.PublicKey;
import java.time.Clock;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Operators only: every {@code /admin/v1/**} request needs a valid operator token, except the login
 * itself. The services behind learn who is calling from {@code X-Operator} and
 * {@code X-Operator-Roles}, which callers can never set themselves.
 */
@Component
class OperatorAuthFilter implements GlobalFilter, Ordered {

    static final String OPERATOR = "X-Operator";
    static final String ROLES = "X-Operator-Roles";
    private static final String ADMIN = "/admin/v1/";
    private static final String LOGIN = "/admin/v1/auth/login";

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
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().value();
        boolean login = path.equals(LOGIN) && request.getMethod() == HttpMethod.POST;
        if (!path.startsWith(ADMIN) || login) {
            return chain.filter(withoutOperatorHeaders(exchange));
        }
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return refuse(exchange, "An operator token is required (Authorization: Bearer …)");
        }
        OperatorTokens.Claims claims;
        try {
            claims = OperatorTokens.verify(
                    key, authorization.substring("Bearer ".length()).strip(), clock);
        } catch (OperatorTokens.InvalidTokenException e) {
            return refuse(exchange, "The operator token is not valid: " + e.getMessage());
        }
        ServerHttpRequest authenticated = request.mutate()
                .headers(headers -> {
                    headers.set(OPERATOR, claims.subject());
                    headers.set(ROLES, String.join(",", claims.roles()));
                })
                .build();
        return chain.filter(exchange.mutate().request(authenticated).build());
    }

    private static ServerWebExchange withoutOperatorHeaders(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest()
                .mutate()
                .headers(headers -> {
                    headers.remove(OPERATOR);
                    headers.remove(ROLES);
                })
                .build();
        return exchange.mutate().request(request).build();
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String detail) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wuhou-ticketing\"");
        return writer.write(exchange, CommonErrorCode.UNAUTHORIZED, detail);
    }

    @Override
    public int getOrder() {
        // After the rate limit (so password and token guessing is throttled), before routing.
        return Ordered.HIGHEST_PRECEDENCE + 1100;
    }
}
