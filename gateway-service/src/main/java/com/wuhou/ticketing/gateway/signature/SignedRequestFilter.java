package com.wuhou.ticketing.gateway.signature;

import com.wuhou.ticketing.gateway.GatewayProperties;
import com.wuhou.ticketing.gateway.auth.AccessWebFilter;
import com.wuhou.ticketing.gateway.problem.ProblemWriter;
import com.wuhou.ticketing.platform.access.Access;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.ErrorCode;
import com.wuhou.ticketing.platform.signedrequest.KeyRecords;
import com.wuhou.ticketing.platform.signedrequest.SecretBox;
import com.wuhou.ticketing.platform.signedrequest.SignatureException;
import com.wuhou.ticketing.platform.signedrequest.SignatureFailure;
import com.wuhou.ticketing.platform.signedrequest.SignatureVerifier;
import com.wuhou.ticketing.platform.signedrequest.SignedRequests;
import com.wuhou.ticketing.platform.signedrequest.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Gate devices (and later OTA channels) sign every request (API.md, signed requests); this filter
 * checks them before anything is routed: timestamp within ±5 minutes, an active key, the HMAC over
 * method, path, timestamp, nonce and body, and a nonce not seen in the window (kept in Redis). The
 * request goes on with its signature, which the service checks again against its own keys (and names
 * the signer from); only the nonce is the gateway's alone. Without Redis nothing signed gets through
 * (503): a replay must not slip in while it is away.
 */
@Component
public class SignedRequestFilter implements GlobalFilter, Ordered {

    /** Largest body a signed request may carry (offline scan uploads are the largest). */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SignedRequestFilter.class);
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Map<SignatureFailure, ErrorCode> CODES = new EnumMap<>(SignatureFailure.class);

    static {
        for (SignatureFailure failure : SignatureFailure.values()) {
            CODES.put(
                    failure,
                    new ErrorCode(failure.name(), HttpStatus.UNAUTHORIZED, "The request signature is not valid"));
        }
    }

    private final SignatureVerifier verifier = new SignatureVerifier(WINDOW, Clock.systemUTC());
    private final ReactiveStringRedisTemplate redis;
    private final SecretBox box;
    private final ProblemWriter writer;

    SignedRequestFilter(ReactiveStringRedisTemplate redis, GatewayProperties properties, ProblemWriter writer) {
        String key = properties.signingKeyEncryptionKey();
        if (key == null || key.isBlank()) {
            throw new IllegalStateException(
                    "ticketing.gateway.signing-key-encryption-key (env SIGNING_KEY_ENCRYPTION_KEY)"
                            + " must hold the Base64 32-byte key that opens device and channel secrets");
        }
        this.box = new SecretBox(key);
        this.redis = redis;
        this.writer = writer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (AccessWebFilter.needs(exchange) != Access.Needs.DEVICE_SIGNATURE) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        SignatureVerifier.Presented presented;
        try {
            presented = verifier.parse(name -> request.getHeaders().getFirst(name));
        } catch (SignatureException e) {
            return refuse(exchange, e);
        }
        String method = request.getMethod().name();
        String pathWithQuery = request.getURI().getRawQuery() == null
                ? request.getURI().getRawPath()
                : request.getURI().getRawPath() + "?" + request.getURI().getRawQuery();
        // Errors of the check become values here, so that failures behind the gateway pass through untouched.
        return body(request)
                .flatMap(body -> redis.<String, String>opsForHash()
                        .get(KeyRecords.REDIS_HASH, presented.keyId())
                        .map(record -> opened(presented.keyId(), record))
                        .defaultIfEmpty(Optional.empty())
                        .flatMap(key -> signed(exchange, presented, method, pathWithQuery, body, key.orElse(null))))
                .<Object>map(signed -> signed)
                .onErrorResume(e -> Mono.just(e))
                .flatMap(outcome -> outcome instanceof ServerHttpRequest signed
                        ? chain.filter(exchange.mutate().request(signed).build())
                        : refuse(exchange, (Throwable) outcome));
    }

    /** The published key, or none when its record does not open: edited or moved in Redis. */
    private Optional<SigningKey> opened(String keyId, String record) {
        try {
            return Optional.of(KeyRecords.decode(keyId, record, box));
        } catch (IllegalArgumentException e) {
            log.error("The published record of key {} does not open (changed in Redis?): {}", keyId, e.getMessage());
            return Optional.empty();
        }
    }

    /** The request as it goes on: checked, its nonce remembered, the body given again. */
    private Mono<ServerHttpRequest> signed(
            ServerWebExchange exchange,
            SignatureVerifier.Presented presented,
            String method,
            String pathWithQuery,
            byte[] body,
            SigningKey key) {
        try {
            verifier.verify(presented, method, pathWithQuery, SignedRequests.bodyHash(body), key);
        } catch (SignatureException e) {
            return Mono.error(e);
        }
        // Kept for twice the window: a timestamp stays acceptable that long after the nonce is first seen.
        return redis.opsForValue()
                .setIfAbsent("nonce:" + presented.keyId() + ":" + presented.nonce(), "1", WINDOW.multipliedBy(2))
                .flatMap(first -> {
                    if (!Boolean.TRUE.equals(first)) {
                        return Mono.error(new SignatureException(
                                SignatureFailure.NONCE_REUSED, "This nonce was used within the last 10 minutes"));
                    }
                    return Mono.just(new ServerHttpRequestDecorator(exchange.getRequest()) {
                        @Override
                        public Flux<DataBuffer> getBody() {
                            return body.length == 0
                                    ? Flux.empty()
                                    : Flux.just(exchange.getResponse()
                                            .bufferFactory()
                                            .wrap(body));
                        }
                    });
                });
    }

    private static Mono<byte[]> body(ServerHttpRequest request) {
        return DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .onErrorMap(DataBufferLimitException.class, e -> new BodyTooLarge())
                .defaultIfEmpty(new byte[0]);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Throwable e) {
        if (e instanceof SignatureException signature) {
            return writer.write(exchange, CODES.get(signature.failure()), signature.getMessage());
        }
        if (e instanceof BodyTooLarge) {
            return writer.write(
                    exchange, CommonErrorCode.PAYLOAD_TOO_LARGE, "A signed request may carry at most 1 MiB");
        }
        // Redis away, or a published key that does not open: nothing signed gets through meanwhile.
        log.warn("Signed request refused: keys or nonces not usable ({})", e.toString());
        return writer.write(exchange, CommonErrorCode.SERVICE_UNAVAILABLE, "Signatures cannot be checked right now");
    }

    @Override
    public int getOrder() {
        // After the rate limit (guessing is throttled), beside the operator check, before routing.
        return Ordered.HIGHEST_PRECEDENCE + 1150;
    }

    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }
}
