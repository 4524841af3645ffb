package com.wuhou.ticketing.platform.signedrequest;

/**
 * A shared secret as the verifier needs it.
 *
 * @param keyId the public id callers send as {@code X-Key-Id}
 * @param secret the HMAC key
 * @param principal who signs with it (a device or channel id), passed on to the services
 * @param active false once revoked: requests signed with it are refused as {@code UNKNOWN_KEY}
 */
public record SigningKey(String keyId, byte[] secret, String principal, boolean active) {}
