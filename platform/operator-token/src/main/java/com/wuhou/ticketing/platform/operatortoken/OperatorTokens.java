package com.wuhou.ticketing.platform.operatortoken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Operator access tokens: compact JWTs ({@code alg: EdDSA}) signed with an Ed25519 key. The service
 * that checks passwords holds the private key and issues; the gateway holds only the public key and
 * verifies, so a compromised gateway cannot mint tokens.
 */
public final class OperatorTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER =
            B64.encodeToString("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private static final String ISSUER = "wuhou-ticketing";

    /** What a valid token says. */
    public record Claims(String subject, List<String> roles, Instant issuedAt, Instant expiresAt, String id) {}

    /** A token that is malformed, forged or expired. */
    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message);
        }
    }

    private OperatorTokens() {}

    /** Signs a token for {@code subject}, valid for {@code ttl}. */
    public static String issue(PrivateKey key, String subject, List<String> roles, Duration ttl, Clock clock) {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("roles", roles);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        try {
            String signingInput = HEADER + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
            return signingInput + "." + B64.encodeToString(sign(key, signingInput));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks signature, issuer and expiry; returns the claims or says why not. */
    public static Claims verify(PublicKey key, String token, Clock clock) throws InvalidTokenException {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3 || !HEADER.equals(parts[0])) {
            throw new InvalidTokenException("not an operator token");
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(B64D.decode(parts[2]))) {
                throw new InvalidTokenException("bad signature");
            }
            JsonNode claims = JSON.readTree(B64D.decode(parts[1]));
            Instant expires = Instant.ofEpochSecond(claims.path("exp").asLong());
            if (!ISSUER.equals(claims.path("iss").asText()) || !clock.instant().isBefore(expires)) {
                throw new InvalidTokenException("expired or not ours");
            }
            List<String> roles = new ArrayList<>();
            claims.path("roles").forEach(r -> roles.add(r.asText()));
            return new Claims(
                    claims.path("sub").asText(),
                    List.copyOf(roles),
                    Instant.ofEpochSecond(claims.path("iat").asLong()),
                    expires,
                    claims.path("jti").asText());
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            throw new InvalidTokenException("unreadable token");
        }
    }

    /** A new key pair (for the devstack and tests; production keys come from a secret). */
    public static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64 of the key's standard encoding (PKCS#8 for private, X.509 for public keys). */
    public static String encode(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static PrivateKey privateKey(String base64Pkcs8) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64Pkcs8.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Base64 PKCS#8 Ed25519 private key", e);
        }
    }

    public static PublicKey publicKey(String base64X509) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64X509.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Base64 X.509 Ed25519 public key", e);
        }
    }

    private static byte[] sign(PrivateKey key, String signingInput) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with this key", e);
        }
    }
}
