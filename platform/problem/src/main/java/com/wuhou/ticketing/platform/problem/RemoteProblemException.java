package com.wuhou.ticketing.platform.problem;

/**
 * A problem document answered by another service, read back by {@link ProblemErrorDecoder}.
 *
 * <p>Being a runtime exception, it rolls back the caller's local and Seata global transaction.
 */
public class RemoteProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String requestId;

    public RemoteProblemException(int status, String code, String detail, String requestId) {
        super(code + ": " + detail);
        this.status = status;
        this.code = code;
        this.requestId = requestId;
    }

    public int status() {
        return status;
    }

    /** The remote service's stable error code (for example {@code SOLD_OUT}). */
    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }

    /** Whether the remote side said the condition is temporary. */
    public boolean isTransient() {
        return status == 503 || status == 429 || status == 504;
    }
}
