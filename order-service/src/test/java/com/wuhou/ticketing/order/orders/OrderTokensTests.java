package com.wuhou.ticketing.order.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wuhou.ticketing.order.OrderProperties;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The order-token key is required outside tests, and may not be the visitor key that gates hold. */
class OrderTokensTests {

    private static final String VISITOR_KEY = OrderTokenTests.VISITOR_KEY;

    @Test
    void shouldRefuseToStartWithoutAnOrderTokenKeyOutsideTests() {
        assertThatThrownBy(() -> tokens(null, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ORDER_TOKEN_KEY");
    }

    @Test
    void shouldRefuseTheVisitorKeyOrAShortKeyAsOrderTokenKey() {
        assertThatThrownBy(() -> tokens(VISITOR_KEY, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must differ");
        assertThatThrownBy(() -> tokens(Base64.getEncoder().encodeToString(new byte[16]), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void shouldDeriveTheSameTokenAgainButNoneAVisitorKeyHolderCouldDerive() {
        OrderTokens tokens = tokens(OrderTokenTests.ORDER_TOKEN_KEY, false);

        assertThat(tokens.tokenOf("WH1")).isEqualTo(tokens.tokenOf("WH1")).isNotEqualTo(tokens.tokenOf("WH2"));
        assertThat(tokens.tokenOf("WH1")).isNotEqualTo(OrderTokenTests.token(VISITOR_KEY, "WH1"));
        assertThat(tokens.tokenOf("WH1")).isEqualTo(OrderTokenTests.token(OrderTokenTests.ORDER_TOKEN_KEY, "WH1"));
    }

    private static OrderTokens tokens(String orderTokenKey, boolean ephemeral) {
        OrderProperties properties = new OrderProperties(
                5,
                Duration.ofMinutes(15),
                Duration.ofSeconds(5),
                Duration.ofMinutes(5),
                VISITOR_KEY,
                orderTokenKey,
                null,
                null,
                ephemeral,
                Duration.ofSeconds(1),
                16,
                Duration.ofSeconds(5),
                false,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5));
        return new OrderTokens(properties, new VisitorKeys(properties));
    }
}
