package com.wuhou.ticketing.platform.signedrequest;

/** A signed request that must be refused, with the reason a caller may be told. */
public class SignatureException extends Exception {

    private final SignatureFailure failure;

    public SignatureException(SignatureFailure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public SignatureFailure failure() {
        return failure;
    }
}
