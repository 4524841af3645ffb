package com.wuhou.ticketing.gateway;

import com.wuhou.ticketing.platform.operatortoken.OperatorTokens;
import com.wuhou.ticketing.platform.signedrequest.SecretBox;
import java.util.Base64;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The two keys every gateway must start with, made up for a test that uses neither token nor signature. */
final class GatewayKeys {

    private GatewayKeys() {}

    static void any(DynamicPropertyRegistry registry) {
        registry.add(
                "ticketing.gateway.operator-token-public-key",
                () -> OperatorTokens.encode(OperatorTokens.generateKeyPair().getPublic()));
        registry.add(
                "ticketing.gateway.signing-key-encryption-key",
                () -> Base64.getEncoder().encodeToString(SecretBox.newSecret()));
    }
}
