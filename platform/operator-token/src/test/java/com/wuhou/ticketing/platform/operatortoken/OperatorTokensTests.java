package com.wuhou.ticketing.platform.operatortoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorTokensTests {

    private static final KeyPair KEYS = OperatorTokens.generateKeyPair();
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldVerifyTokenWhenSignedByThePairedKey() throws Exception {
        String token = OperatorTokens.issue(KEYS.getPrivate(), "admin", List.of("ADMIN"), Duration.ofMinutes(15), NOW);

        OperatorTokens.Claims claims =
                OperatorTokens.verify(OperatorTokens.publicKey(OperatorTokens.encode(KEYS.getPublic())), token, NOW);

        assertThat(claims.subject()).isEqualTo("admin");
        assertThat(claims.roles()).containsExactly("ADMIN");
        assertThat(claims.expiresAt()).isEqualTo(Instant.parse("2026-11-28T10:15:00Z"));
        assertThat(claims.id()).isNotBlank();
    }

    @Test
    void shouldRefuseTokenWhenExpiredTamperedOrSignedByAnotherKey() {
        String token = OperatorTokens.issue(KEYS.getPrivate(), "admin", List.of("ADMIN"), Duration.ofMinutes(15), NOW);
        Clock later = Clock.offset(NOW, Duration.ofMinutes(15));
        String[] parts = token.split("\\.");
        String forgedClaims = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"iss\":\"wuhou-ticketing\",\"sub\":\"root\",\"exp\":9999999999}".getBytes());
        String otherKeys = OperatorTokens.issue(
                OperatorTokens.generateKeyPair().getPrivate(), "admin", List.of(), Duration.ofMinutes(5), NOW);

        assertThatThrownBy(() -> OperatorTokens.verify(KEYS.getPublic(), token, later))
                .isInstanceOf(OperatorTokens.InvalidTokenException.class);
        assertThatThrownBy(() ->
                        OperatorTokens.verify(KEYS.getPublic(), parts[0] + "." + forgedClaims + "." + parts[2], NOW))
                .isInstanceOf(OperatorTokens.InvalidTokenException.class);
        assertThatThrownBy(() -> OperatorTokens.verify(KEYS.getPublic(), otherKeys, NOW))
                .isInstanceOf(OperatorTokens.InvalidTokenException.class);
        assertThatThrownBy(() -> OperatorTokens.verify(KEYS.getPublic(), "not.a-token", NOW))
                .isInstanceOf(OperatorTokens.InvalidTokenException.class);
        assertThatThrownBy(() -> OperatorTokens.verify(KEYS.getPublic(), null, NOW))
                .isInstanceOf(OperatorTokens.InvalidTokenException.class);
    }

    @Test
    void shouldRefuseKeysThatAreNotEd25519() {
        assertThatThrownBy(() -> OperatorTokens.privateKey("bm90IGEga2V5"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OperatorTokens.publicKey("%%%")).isInstanceOf(IllegalArgumentException.class);
    }
}
