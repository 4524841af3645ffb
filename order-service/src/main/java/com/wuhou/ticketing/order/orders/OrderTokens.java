package com.wuhou.ticketing.order.orders;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-order secret that lets a buyer read and change their order. It is derived from the order
 * number with a server key (HMAC), so a retried request that finds its order already made can answer
 * with the same token; only its hash is stored.
 */
final class OrderTokens {

    private final byte[] key;

    OrderTokens(byte[] masterKey) {
        this.key = hmac(masterKey, "order-token".getBytes(StandardCharsets.UTF_8));
    }

    String tokenOf(String orderNo) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(hmac(key, orderNo.getBytes(StandardCharsets.UTF_8)));
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(String token, String storedHash) {
        return token != null
                && MessageDigest.isEqual(
                        hash(token).getBytes(StandardCharsets.US_ASCII),
                        storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
