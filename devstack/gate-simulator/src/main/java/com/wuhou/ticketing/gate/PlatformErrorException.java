package com.wuhou.ticketing.gate;

/** The platform answered, but with an error (a bad signature is a 401): not a reason to go offline. */
public class PlatformErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    public PlatformErrorException(String request, int status, String body) {
        super(request + " answered HTTP " + status + (body.isBlank() ? "" : ": " + body));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
