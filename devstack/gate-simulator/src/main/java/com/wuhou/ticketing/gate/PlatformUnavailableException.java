package com.wuhou.ticketing.gate;

/** The platform could not be reached: connect error, timeout, or HTTP 502, 503 or 504 from the gateway. */
public class PlatformUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PlatformUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
