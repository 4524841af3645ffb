package com.wuhou.ticketing.platform.requestid;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id that follows one call through the gateway, the services, Feign calls and log lines.
 *
 * <p>An incoming id is kept only when it is short and made of safe characters, so a caller cannot
 * inject line breaks or huge values into our logs.
 */
public final class RequestId {

    /** The header that carries the id, in requests and in every response. */
    public static final String HEADER = "X-Request-Id";

    /** The logging-context (MDC) key; log patterns print it as {@code %X{requestId}}. */
    public static final String MDC_KEY = "requestId";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestId() {}

    /** Whether a caller-supplied id may be reused as it is. */
    public static boolean isAcceptable(String candidate) {
        return candidate != null && SAFE.matcher(candidate).matches();
    }

    /** The caller's id when acceptable, otherwise a new one. */
    public static String acceptOrCreate(String candidate) {
        return isAcceptable(candidate) ? candidate : create();
    }

    /** A new random id. */
    public static String create() {
        return UUID.randomUUID().toString();
    }
}
