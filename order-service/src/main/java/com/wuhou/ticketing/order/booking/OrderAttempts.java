package com.wuhou.ticketing.order.booking;

import com.wuhou.ticketing.order.OrderProperties;
import com.wuhou.ticketing.order.api.SoldOut;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Marks each {@code Idempotency-Key} used for an order attempt in Redis ({@link SoldOut#attemptKey}),
 * for as long as an unpaid order lives: the gateway never refuses such a key from its sold-out memo,
 * because it may be the retry of an order that was made.
 */
@Component
class OrderAttempts {

    private static final Logger log = LoggerFactory.getLogger(OrderAttempts.class);

    private final StringRedisTemplate redis;
    private final Duration lifetime;

    OrderAttempts(StringRedisTemplate redis, OrderProperties properties) {
        this.redis = redis;
        // A retry after the order's pay deadline finds it expired: sold out is then the better answer.
        this.lifetime = properties.payTimeout().plus(Duration.ofMinutes(1));
    }

    /**
     * Once the key is claimed, before any place is held. Without the mark a lost answer could not be
     * asked for again past the gateway, so no attempt starts without it (without Redis no place could
     * be held either).
     */
    void mark(String idempotencyKey) {
        if (idempotencyKey == null) {
            return;
        }
        try {
            redis.opsForValue().set(SoldOut.attemptKey(idempotencyKey), "1", lifetime);
        } catch (RuntimeException e) {
            log.warn("Order attempt {} not marked: {}", idempotencyKey, e.toString());
            ApiException unavailable = new ApiException(
                    CommonErrorCode.SERVICE_UNAVAILABLE, "Orders cannot be taken right now; please try again shortly");
            unavailable.initCause(e);
            throw unavailable;
        }
    }

    /** The attempt was answered sold out and made nothing: its key's retries may be refused at the gateway. */
    void forget(String idempotencyKey) {
        if (idempotencyKey == null) {
            return;
        }
        try {
            redis.delete(SoldOut.attemptKey(idempotencyKey));
        } catch (RuntimeException e) {
            log.debug("Order attempt {} not forgotten: {}", idempotencyKey, e.toString());
        }
    }
}
