package com.wuhou.ticketing.order.orders;

import com.wuhou.ticketing.order.OrderProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The per-order secret that lets a buyer read and change their order. It is derived from the order
 * number with a key of order-service's own (HMAC), so a retried request that finds its order already
 * made can answer with the same token; only its hash is stored, and that hash is what a token is
 * checked against (an order whose token was made with an earlier key keeps working). The key is not
 * the visitor key: gates and channels hold that one, and order numbers are readable in QR payloads.
 */
@Component
public class OrderTokens {

    private final byte[] key;

    @Autowired
    OrderTokens(OrderProperties properties, VisitorKeys visitorKeys) {
        this(
                ServerKeys.load(
                        properties.orderTokenKey(),
                        "ticketing.order.order-token-key",
                        "ORDER_TOKEN_KEY",
                        properties.ephemeralKeys()),
                visitorKeys.key());
    }

    OrderTokens(byte[] orderTokenKey, byte[] visitorKey) {
        if (MessageDigest.isEqual(orderTokenKey, visitorKey)) {
            throw new IllegalStateException("ticketing.order.order-token-key (ORDER_TOKEN_KEY) must differ from the"
                    + " visitor hash key, which gates and channels hold too");
        }
        this.key = hmac(orderTokenKey, "order-token".getBytes(StandardCharsets.UTF_8));
    }

    String tokenOf(String orderNo) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(hmac(key, orderNo.getBytes(StandardCharsets.UTF_8)));
    }

    public static String hash(String token) {
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
