/**
 * Signed requests of gate devices and OTA channels: headers {@code X-Key-Id}, {@code X-Timestamp},
 * {@code X-Nonce} and {@code X-Signature} = Base64(HMAC-SHA256(secret, METHOD \n PATH_WITH_QUERY \n
 * timestamp \n nonce \n hex(SHA-256(body))))). Plain Java, so the gateway, services, the gate simulator
 * and tests sign and check with the same code.
 */
package com.wuhou.ticketing.platform.signedrequest;
