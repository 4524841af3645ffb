package com.wuhou.ticketing.order.operator;

import com.wuhou.ticketing.platform.operatortoken.OperatorTokens;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.ErrorCode;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Service;

/** Checks operator passwords and issues short-lived access tokens. */
@Service
class OperatorAuthService implements ApplicationRunner {

    static final ErrorCode INVALID_CREDENTIALS =
            new ErrorCode("INVALID_CREDENTIALS", HttpStatus.UNAUTHORIZED, "Wrong username or password");

    private static final Logger log = LoggerFactory.getLogger(OperatorAuthService.class);

    private final OperatorAccountMapper accounts;
    private final OperatorProperties properties;
    private final Clock clock;
    private final PrivateKey signingKey;
    private final Argon2PasswordEncoder passwords = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    // Checked when the username is unknown, so both failures take as long as each other.
    private final String decoyHash = passwords.encode("decoy-password-for-timing");

    OperatorAuthService(OperatorAccountMapper accounts, OperatorProperties properties, Clock clock) {
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
        this.signingKey = signingKey(properties);
    }

    /** Access token and its lifetime in seconds. */
    record Token(String accessToken, long expiresIn) {}

    Token login(String username, String password) {
        OperatorAccountDO account = accounts.selectById(username);
        boolean matches = passwords.matches(password, account == null ? decoyHash : account.passwordHash);
        if (account == null || !matches || !Boolean.TRUE.equals(account.active)) {
            log.warn("Operator login refused for '{}'", username.replaceAll("[^A-Za-z0-9_.@-]", "?"));
            throw new ApiException(INVALID_CREDENTIALS, "Wrong username or password");
        }
        List<String> roles = Arrays.stream(account.roles.split(","))
                .filter(r -> !r.isBlank())
                .toList();
        String token = OperatorTokens.issue(signingKey, username, roles, properties.tokenTtl(), clock);
        log.info("Operator '{}' logged in", username);
        return new Token(token, properties.tokenTtl().toSeconds());
    }

    /** Creates the bootstrap operator from deployment configuration if it does not exist yet. */
    @Override
    public void run(ApplicationArguments args) {
        String username = properties.bootstrapUsername();
        if (username == null || username.isBlank()) {
            return;
        }
        if (accounts.selectById(username) != null) {
            return;
        }
        String password = properties.bootstrapPassword();
        if (password == null || password.length() < 12) {
            log.warn("Bootstrap operator '{}' not created: its password must have at least 12 characters", username);
            return;
        }
        OperatorAccountDO account = new OperatorAccountDO();
        account.username = username;
        account.passwordHash = passwords.encode(password);
        account.roles = "ADMIN";
        account.active = true;
        account.createdAt = LocalDateTime.now(clock);
        account.updatedAt = account.createdAt;
        accounts.insert(account);
        log.info("Bootstrap operator '{}' created", username);
    }

    private static PrivateKey signingKey(OperatorProperties properties) {
        if (properties.tokenPrivateKey() != null
                && !properties.tokenPrivateKey().isBlank()) {
            return OperatorTokens.privateKey(properties.tokenPrivateKey());
        }
        if (properties.ephemeralKey()) {
            return OperatorTokens.generateKeyPair().getPrivate();
        }
        throw new IllegalStateException("ticketing.operators.token-private-key (env OPERATOR_TOKEN_PRIVATE_KEY) "
                + "must hold the Base64 PKCS#8 Ed25519 key that signs operator tokens");
    }
}
