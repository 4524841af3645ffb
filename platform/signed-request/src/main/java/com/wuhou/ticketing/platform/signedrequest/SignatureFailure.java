package com.wuhou.ticketing.platform.signedrequest;

/** Why a signed request was refused; each is a {@code 401} with this code (API.md, signed requests). */
public enum SignatureFailure {
    /** The timestamp is missing, malformed or outside the window. */
    SIGNATURE_EXPIRED,
    /** The nonce was already used within the window. */
    NONCE_REUSED,
    /** No active key has this id (never issued, or revoked). */
    UNKNOWN_KEY,
    /** A header is missing or malformed, or the signature does not match. */
    BAD_SIGNATURE
}
