package com.wuhou.ticketing.platform.problem;

import java.util.Map;

/** Thrown by services to answer with a problem document carrying {@link #errorCode()}. */
public class ApiException extends RuntimeException {

    private final transient ErrorCode errorCode;
    private final transient Map<String, Object> properties;

    public ApiException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, Map.of());
    }

    /** {@code properties} become extra members of the problem document (for example the field errors). */
    public ApiException(ErrorCode errorCode, String detail, Map<String, Object> properties) {
        super(detail);
        this.errorCode = errorCode;
        this.properties = Map.copyOf(properties);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /**
     * A refusal that holds for this moment only (sold out while places may come back): the same request
     * asked again may succeed, so it is not remembered as the request's answer (idempotency replays).
     */
    public boolean momentary() {
        return false;
    }
}
