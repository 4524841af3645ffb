package com.wuhou.ticketing.platform.problem;

import org.springframework.http.HttpStatus;

/**
 * A stable, documented error code (UPPER_SNAKE) with the HTTP status it is answered with.
 *
 * <p>Each service declares its own codes as an enum implementing this interface; clients branch on
 * {@link #code()}, never on the human-readable detail.
 */
public interface ErrorCode {

    String code();

    HttpStatus status();

    /** A short, human-readable summary of the problem type (the RFC 9457 {@code title}). */
    String title();
}
