package com.wuhou.ticketing.order.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * How order-service tells the gateway that a session is sold out, so that the gateway can refuse the
 * rest of a release rush from memory (ADR 11), and how the gateway knows which requests it must not
 * refuse that way.
 *
 * <p>A {@code 409 SOLD_OUT} answer to {@code POST /api/v1/orders} carries {@value #HEADER}{@code :
 * <sessionId>;units=<n>}: no order of {@code n} or more places fits in that session now. The gateway
 * strips the header before the answer leaves it.
 *
 * <p>When order-service starts an order under an {@code Idempotency-Key} (after claiming the key) it
 * writes {@link #attemptKey} to Redis, for as long as an unpaid order lives, and deletes it when the
 * attempt is answered sold out. A request whose key is there may be the retry of an order already made
 * (its answer lost): it always goes on to order-service, which replays the first answer.
 */
public final class SoldOut {

    /** Response header of a sold-out refusal. */
    public static final String HEADER = "X-Sold-Out";

    /** The {@code detail} of a sold-out refusal, wherever it is given. */
    public static final String DETAIL = "Not enough places left in this session or on this day";

    private SoldOut() {}

    /** The header's value for a refusal of {@code units} places in {@code sessionId}. */
    public static String hint(long sessionId, int units) {
        return sessionId + ";units=" + units;
    }

    /** The session and units of a header value, or empty when it is not one. */
    public static Optional<Hint> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int semicolon = value.indexOf(";units=");
        if (semicolon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Hint(
                    Long.parseLong(value.substring(0, semicolon)),
                    Integer.parseInt(value.substring(semicolon + ";units=".length()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The Redis key that marks an {@code Idempotency-Key} as used for an order attempt: a hash, so its
     * size does not depend on what a client sends.
     */
    public static String attemptKey(String idempotencyKey) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "order-attempt:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** A refusal of {@code units} or more places in {@code sessionId}. */
    public record Hint(long sessionId, int units) {}
}
