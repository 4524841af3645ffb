package com.wuhou.ticketing.platform.problem;

import org.springframework.http.HttpStatus;

/** Codes that any service (and the gateway) may answer with; documented in docs/errors.md. */
public final class CommonErrorCode {

    public static final ErrorCode MALFORMED_REQUEST =
            new ErrorCode("MALFORMED_REQUEST", HttpStatus.BAD_REQUEST, "The request could not be read");
    public static final ErrorCode PATH_NOT_CANONICAL =
            new ErrorCode("PATH_NOT_CANONICAL", HttpStatus.BAD_REQUEST, "The path is not in canonical form");
    public static final ErrorCode UNAUTHORIZED =
            new ErrorCode("UNAUTHORIZED", HttpStatus.UNAUTHORIZED, "Authentication is required");
    public static final ErrorCode FORBIDDEN = new ErrorCode("FORBIDDEN", HttpStatus.FORBIDDEN, "Not allowed");
    public static final ErrorCode NOT_FOUND = new ErrorCode("NOT_FOUND", HttpStatus.NOT_FOUND, "No such resource");
    public static final ErrorCode ROUTE_NOT_FOUND =
            new ErrorCode("ROUTE_NOT_FOUND", HttpStatus.NOT_FOUND, "No such API path");
    public static final ErrorCode METHOD_NOT_ALLOWED =
            new ErrorCode("METHOD_NOT_ALLOWED", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed on this resource");
    public static final ErrorCode NOT_ACCEPTABLE =
            new ErrorCode("NOT_ACCEPTABLE", HttpStatus.NOT_ACCEPTABLE, "No acceptable representation");
    public static final ErrorCode CONFLICT =
            new ErrorCode("CONFLICT", HttpStatus.CONFLICT, "The request conflicts with the current state");
    public static final ErrorCode PAYLOAD_TOO_LARGE =
            new ErrorCode("PAYLOAD_TOO_LARGE", HttpStatus.PAYLOAD_TOO_LARGE, "The request body is too large");
    public static final ErrorCode UNSUPPORTED_MEDIA_TYPE =
            new ErrorCode("UNSUPPORTED_MEDIA_TYPE", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type");
    public static final ErrorCode VALIDATION_FAILED =
            new ErrorCode("VALIDATION_FAILED", HttpStatus.UNPROCESSABLE_ENTITY, "The request is not valid");
    public static final ErrorCode RATE_LIMITED =
            new ErrorCode("RATE_LIMITED", HttpStatus.TOO_MANY_REQUESTS, "Too many requests");
    /** A service's own admission limit: as many requests of this kind as it serves well are in flight. */
    public static final ErrorCode BUSY =
            new ErrorCode("BUSY", HttpStatus.TOO_MANY_REQUESTS, "Too many requests of this kind right now");

    public static final ErrorCode INTERNAL_ERROR =
            new ErrorCode("INTERNAL_ERROR", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
    public static final ErrorCode SERVICE_UNAVAILABLE =
            new ErrorCode("SERVICE_UNAVAILABLE", HttpStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable");
    public static final ErrorCode UPSTREAM_TIMEOUT =
            new ErrorCode("UPSTREAM_TIMEOUT", HttpStatus.GATEWAY_TIMEOUT, "The service did not answer in time");

    private CommonErrorCode() {}

    /** The code answered for a bare HTTP status when nothing more specific is known. */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION_FAILED;
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> UPSTREAM_TIMEOUT;
            default -> status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
        };
    }
}
