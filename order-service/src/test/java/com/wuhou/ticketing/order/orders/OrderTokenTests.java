package com.wuhou.ticketing.order.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wuhou.ticketing.order.inventory.InventoryStub;
import com.wuhou.ticketing.platform.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Order tokens come from a key only order-service holds: the visitor key, which gates (and channels)
 * hold too, opens no order, while orders whose token was made with it before keep working.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ticketing.order.visitor-hash-key=" + OrderTokenTests.VISITOR_KEY,
            "ticketing.order.order-token-key=" + OrderTokenTests.ORDER_TOKEN_KEY
        })
@ActiveProfiles("test")
@RealInfrastructure
@Import({InventoryStub.Config.class, Buyer.class})
class OrderTokenTests {

    static final String VISITOR_KEY = "dmlzaXRvci1rZXktb2YtdGhlLXRva2VuLXRlc3RzISE="; // 32 bytes, tests only
    static final String ORDER_TOKEN_KEY = "b3JkZXItdG9rZW4ta2V5LW9mLXRoZS10ZXN0cyEhISE="; // 32 bytes, tests only

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Buyer buyer;

    @Test
    void shouldNotOpenAnOrderWithATokenDerivedFromTheVisitorKey() {
        JsonNode order = buyer.ordered("13800138000", Buyer.idNumber());
        String orderNo = order.path("orderNo").asText();
        // What a gate (which holds the visitor key) could work out from an order number in a QR payload.
        String forged = token(VISITOR_KEY, orderNo);

        buyer.problem(buyer.send(HttpMethod.GET, "/api/v1/orders/" + orderNo, null, forged), 404, "ORDER_NOT_FOUND");
        buyer.problem(
                buyer.send(HttpMethod.POST, "/api/v1/orders/" + orderNo + "/cancellation", null, forged),
                404,
                "ORDER_NOT_FOUND");

        assertThat(status(orderNo)).isEqualTo("PENDING_PAYMENT");
        String own = order.path("orderToken").asText();
        assertThat(own).isNotEqualTo(forged);
        assertThat(buyer.send(HttpMethod.GET, "/api/v1/orders/" + orderNo, null, own)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void shouldKeepOpeningAnOrderWhoseTokenWasMadeBeforeTheOrderTokenKey() {
        String orderNo = "WHLEGACY1";
        String legacy = token(VISITOR_KEY, orderNo);
        jdbc.update(
                "INSERT INTO ticket_order (order_no, channel, session_id, visit_date, start_time, end_time,"
                        + " contact_phone, status, total_fen, pay_deadline, token_hash, hold_ref, created_at, updated_at)"
                        + " VALUES (?, 'WEB', 7, '2030-01-01', '09:00', '11:00', '13800138000', 'PENDING_PAYMENT',"
                        + " 5000, NOW(3), ?, ?, NOW(3), NOW(3))",
                orderNo,
                OrderTokens.hash(legacy),
                orderNo);

        assertThat(buyer.send(HttpMethod.GET, "/api/v1/orders/" + orderNo, null, legacy)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    /** An order token as order-service derived them from the visitor key before it had a key of its own. */
    static String token(String base64Key, String orderNo) {
        byte[] key = hmac(Base64.getDecoder().decode(base64Key), "order-token");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, orderNo));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String status(String orderNo) {
        return jdbc.queryForObject("SELECT status FROM ticket_order WHERE order_no = ?", String.class, orderNo);
    }
}
