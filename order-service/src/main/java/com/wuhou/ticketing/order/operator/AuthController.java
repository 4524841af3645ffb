package com.wuhou.ticketing.order.operator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /admin/v1/auth/login}: the one admin path the gateway lets through without a token. */
@RestController
class AuthController {

    private final OperatorAuthService auth;

    AuthController(OperatorAuthService auth) {
        this.auth = auth;
    }

    record Login(
            @NotBlank @Size(max = 64) String username,
            @NotBlank @Size(max = 128) String password) {}

    record LoginAnswer(String accessToken, String tokenType, long expiresIn) {}

    @PostMapping("/admin/v1/auth/login")
    LoginAnswer login(@Valid @RequestBody Login login) {
        OperatorAuthService.Token token = auth.login(login.username(), login.password());
        return new LoginAnswer(token.accessToken(), "Bearer", token.expiresIn());
    }
}
