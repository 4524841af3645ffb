package com.wuhou.ticketing.platform.problem;

import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * A stable, documented error code (UPPER_SNAKE) with the HTTP status it is answered with and a short
 * human-readable title (the RFC 9457 {@code title}). Clients branch on {@link #code()}, never on the
 * detail text. Each service declares its codes as constants in one class (see {@link CommonErrorCode}).
 */
public record ErrorCode(String code, HttpStatus status, String title) {

    private static final Pattern UPPER_SNAKE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

    public ErrorCode {
        if (code == null || !UPPER_SNAKE.matcher(code).matches()) {
            throw new IllegalArgumentException("error codes are UPPER_SNAKE: " + code);
        }
        if (status == null || title == null || title.isBlank()) {
            throw new IllegalArgumentException("an error code needs a status and a title: " + code);
        }
    }
}
