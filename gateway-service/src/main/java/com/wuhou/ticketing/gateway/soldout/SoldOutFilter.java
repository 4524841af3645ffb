package com.wuhou.ticketing.gateway.soldout;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.wuhou.ticketing.gateway.GatewayProperties;
import com.wuhou.ticketing.gateway.problem.ProblemWriter;
import com.wuhou.ticketing.inventory.api.HoldErrors;
import com.wuhou.ticketing.order.api.SoldOut;
import com.wuhou.ticketing.platform.problem.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Refuses new orders for a session that order-service just answered as sold out, without passing
 * them on (ADR 11). During a release rush most buyers arrive after the last place went: this answers
 * them from memory, with the same {@code 409 SOLD_OUT} order-service would give, for the cost of
 * reading a small body.
 *
 * <p>It can only refuse for a moment longer, never sell more: the memo lapses after
 * {@code ticketing.gateway.sold-out-memo}, then one buyer goes through while the others are still
 * refused, and only a sold-out answer to that buyer renews it; any other outcome clears it. A request whose
 * {@code Idempotency-Key} was already used for an order attempt (Redis, {@link SoldOut#attemptKey})
 * always goes on: it may be the retry of an order made, whose answer only order-service can replay.
 * Without Redis it goes on too.
 */
@Component
class SoldOutFilter implements GlobalFilter, Ordered {

    static final String PATH = "/api/v1/orders";

    /** A create-order body is a few hundred bytes; anything much larger is not read here. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SoldOutFilter.class);
    private static final ErrorCode SOLD_OUT = new ErrorCode(HoldErrors.SOLD_OUT, HttpStatus.CONFLICT, "Conflict");
    private static final String SESSION_ATTRIBUTE = SoldOutFilter.class.getName() + ".session";
    private static final String HINT_ATTRIBUTE = SoldOutFilter.class.getName() + ".hint";
    private static final JsonFactory JSON = new JsonFactory();
    private static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Session → the smallest order refused as sold out, and when it was last asked about. */
    private final Map<Long, Memo> soldOut = new ConcurrentHashMap<>();

    private final ReactiveStringRedisTemplate redis;
    private final ProblemWriter writer;
    private final long memoNanos;
    private final LongSupplier nanoTime;

    @Autowired
    SoldOutFilter(ReactiveStringRedisTemplate redis, ProblemWriter writer, GatewayProperties properties) {
        this(redis, writer, properties, System::nanoTime);
    }

    SoldOutFilter(
            ReactiveStringRedisTemplate redis,
            ProblemWriter writer,
            GatewayProperties properties,
            LongSupplier nanoTime) {
        this.redis = redis;
        this.writer = writer;
        this.memoNanos = properties.soldOutMemo().toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.POST
                || !PATH.equals(request.getPath().value())) {
            return chain.filter(exchange);
        }
        learnFrom(exchange);
        long length = request.getHeaders().getContentLength();
        if (soldOut.isEmpty() || length <= 0 || length > MAX_BODY_BYTES) {
            return chain.filter(exchange);
        }
        return ServerWebExchangeUtils.cacheRequestBodyAndRequest(exchange, cached -> {
            ServerWebExchange next = exchange.mutate().request(cached).build();
            DataBuffer body = exchange.getAttribute(ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR);
            Order order = body == null ? null : Order.read(body);
            if (order == null) {
                return chain.filter(next); // order-service explains what is wrong with it
            }
            next.getAttributes().put(SESSION_ATTRIBUTE, order.sessionId());
            Decision decision = decide(order);
            if (decision == Decision.PROBE) {
                // The one buyer asking again: unless the answer is sold out once more, forget the memo
                // (a place sold, or an answer that says nothing about places: a bad request, BUSY, a time-out).
                return chain.filter(next).doFinally(signal -> {
                    if (next.getAttribute(HINT_ATTRIBUTE) == null) {
                        soldOut.remove(order.sessionId());
                    }
                });
            }
            if (decision == Decision.PASS) {
                return chain.filter(next);
            }
            String key = request.getHeaders().getFirst("Idempotency-Key");
            Mono<Boolean> triedBefore = key == null
                    ? Mono.just(false)
                    : redis.hasKey(SoldOut.attemptKey(key)).onErrorResume(e -> {
                        log.debug("Order attempt {} not looked up, passed on: {}", key, e.toString());
                        return Mono.just(true);
                    });
            return triedBefore.flatMap(
                    tried -> tried ? chain.filter(next) : writer.write(next, SOLD_OUT, SoldOut.DETAIL));
        });
    }

    /** What to do with an order while some session is remembered as sold out. */
    enum Decision {
        PASS,
        REFUSE,
        /** The memo lapsed and this caller won the right to ask order-service again. */
        PROBE
    }

    /**
     * An order is refused when its session was sold out for as many places a moment ago. When the memo
     * lapses exactly one caller renews it and goes on as the probe; the others are still refused.
     */
    Decision decide(Order order) {
        Memo memo = soldOut.get(order.sessionId());
        if (memo == null || order.units() < memo.units()) {
            return Decision.PASS;
        }
        long now = nanoTime.getAsLong();
        if (now - memo.atNanos() < memoNanos) {
            return Decision.REFUSE;
        }
        return soldOut.replace(order.sessionId(), memo, new Memo(memo.units(), now)) ? Decision.PROBE : Decision.REFUSE;
    }

    /** Remembers a sold-out answer (and hides its header), forgets one when a place was sold. */
    private void learnFrom(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            String hint = response.getHeaders().getFirst(SoldOut.HEADER);
            if (hint != null) {
                response.getHeaders().remove(SoldOut.HEADER);
                exchange.getAttributes().put(HINT_ATTRIBUTE, hint);
                SoldOut.parse(hint).ifPresent(h -> remember(h.sessionId(), h.units()));
            } else if (response.getStatusCode() != null
                    && response.getStatusCode().is2xxSuccessful()) {
                Long session = exchange.getAttribute(SESSION_ATTRIBUTE);
                if (session != null) {
                    soldOut.remove(session);
                }
            }
            return Mono.empty();
        });
    }

    /**
     * Forgets sessions nobody has asked about for a minute (the day is over, or the rush is), so that
     * order bodies are read only while some session is being refused.
     */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void forgetQuietSessions() {
        long now = nanoTime.getAsLong();
        soldOut.entrySet().removeIf(entry -> now - entry.getValue().atNanos() > QUIET_NANOS);
    }

    void remember(long sessionId, int units) {
        soldOut.merge(
                sessionId,
                new Memo(units, nanoTime.getAsLong()),
                (old, fresh) -> new Memo(Math.min(old.units(), fresh.units()), fresh.atNanos()));
    }

    @Override
    public int getOrder() {
        // After the rate limit and the credential checks, before the breaker and the route.
        return Ordered.HIGHEST_PRECEDENCE + 1200;
    }

    private record Memo(int units, long atNanos) {}

    /** What this filter needs of a create-order body: its session and how many visitors. */
    record Order(long sessionId, int units) {

        /** The top-level {@code sessionId} and the size of {@code visitors}, or null when either is missing. */
        static Order read(DataBuffer body) {
            // Read a copy: the buffer's read position must stay where it is for the request sent on.
            String text = body.toString(body.readPosition(), body.readableByteCount(), StandardCharsets.UTF_8);
            try (JsonParser parser = JSON.createParser(text)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                Long session = null;
                int visitors = -1;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("sessionId".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                        session = parser.getLongValue();
                    } else if ("visitors".equals(field) && value == JsonToken.START_ARRAY) {
                        visitors = 0;
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            visitors++;
                            parser.skipChildren();
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                return session == null || visitors < 1 ? null : new Order(session, visitors);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
