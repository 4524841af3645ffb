package com.wuhou.ticketing.platform.idempotency;

import com.wuhou.ticketing.platform.problem.ErrorCode;
import org.springframework.http.HttpStatus;

/** Codes answered for an {@code Idempotency-Key}; documented in docs/errors.md. */
public final class IdempotencyErrorCode {

    /** The key was used before with a different request body. */
    public static final ErrorCode IDEMPOTENCY_KEY_REUSED = new ErrorCode(
            "IDEMPOTENCY_KEY_REUSED",
            HttpStatus.UNPROCESSABLE_ENTITY,
            "The Idempotency-Key was already used with a different request");

    /** The first request with this key is still running; retry later to get its answer. */
    public static final ErrorCode IDEMPOTENCY_IN_PROGRESS = new ErrorCode(
            "IDEMPOTENCY_IN_PROGRESS", HttpStatus.CONFLICT, "A request with this Idempotency-Key is still in progress");

    private IdempotencyErrorCode() {}
}
