package com.wuhou.ticketing.order.orders;

import com.wuhou.ticketing.order.api.SoldOut;
import com.wuhou.ticketing.platform.idempotency.IdempotencyProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Marks each {@code Idempotency-Key} used for an order attempt in Redis ({@link SoldOut#attemptKey}),
 * for as long as its idempotency record is kept: the gateway never refuses such a key from its
 * sold-out memo, because it may be the retry of an order that was made.
 */
@Component
class OrderAttempts {

    private static final Logger log = LoggerFactory.getLogger(OrderAttempts.class);

    private final StringRedisTemplate redis;
    private final Duration retention;

    OrderAttempts(StringRedisTemplate redis, IdempotencyProperties idempotency) {
        this.redis = redis;
        this.retention = idempotency.retention();
    }

    /** Before the attempt starts. Without Redis no place can be held either, so the attempt fails anyway. */
    void mark(String idempotencyKey) {
        if (idempotencyKey == null) {
            return;
        }
        try {
            redis.opsForValue().set(SoldOut.attemptKey(idempotencyKey), "1", retention);
        } catch (RuntimeException e) {
            log.warn("Order attempt {} not marked: {}", idempotencyKey, e.toString());
        }
    }
}
