package com.wuhou.ticketing.platform.signedrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheme of API.md, signed by one side and checked by the other, and every way to get it wrong. */
class SignatureVerifierTests {

    private static final byte[] SECRET = "a-device-secret-of-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    private static final SigningKey KEY = new SigningKey("dk_gate1", SECRET, "device-1", true);
    private static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");
    private static final byte[] BODY =
            "{\"credential\":\"T1.abc\",\"direction\":\"IN\"}".getBytes(StandardCharsets.UTF_8);

    private final SignatureVerifier verifier =
            new SignatureVerifier(Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldAcceptARequestSignedWithTheScheme() throws Exception {
        Map<String, String> headers = signedAt(NOW, "/checkin/v1/verifications?lang=zh", BODY);

        SignatureVerifier.Presented presented = verifier.parse(headers::get);
        verifier.verify(presented, "POST", "/checkin/v1/verifications?lang=zh", SignedRequests.bodyHash(BODY), KEY);

        assertThat(presented.keyId()).isEqualTo("dk_gate1");
        assertThat(presented.nonce()).hasSizeGreaterThanOrEqualTo(SignedRequests.MIN_NONCE_LENGTH);
    }

    @Test
    void shouldSignTheTextApiMdDescribes() {
        // METHOD \n PATH_WITH_QUERY \n timestamp \n nonce \n hex(SHA-256(body)), HMAC-SHA256, Base64.
        String canonical = SignedRequests.canonical(
                "post",
                "/checkin/v1/verifications",
                "1764295200000",
                "n0nce-n0nce-n0nce",
                SignedRequests.bodyHash(null));

        assertThat(canonical)
                .isEqualTo("POST\n/checkin/v1/verifications\n1764295200000\nn0nce-n0nce-n0nce\n"
                        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(SignedRequests.signature(
                        "key".getBytes(StandardCharsets.UTF_8), "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
    }

    @Test
    void shouldRefuseTimestampsOutsideTheWindowEitherWay() {
        Map<String, String> old = signedAt(NOW.minus(Duration.ofMinutes(5).plusSeconds(1)), "/p", BODY);
        Map<String, String> future = signedAt(NOW.plus(Duration.ofMinutes(5).plusSeconds(1)), "/p", BODY);
        Map<String, String> edge = signedAt(NOW.minus(Duration.ofMinutes(5)), "/p", BODY);
        Map<String, String> garbled = signedAt(NOW, "/p", BODY);
        garbled.put(SignedRequests.TIMESTAMP, "yesterday");

        assertFailure(() -> verifier.parse(old::get), SignatureFailure.SIGNATURE_EXPIRED);
        assertFailure(() -> verifier.parse(future::get), SignatureFailure.SIGNATURE_EXPIRED);
        assertFailure(() -> verifier.parse(garbled::get), SignatureFailure.SIGNATURE_EXPIRED);
        assertThat(catching(() -> verifier.parse(edge::get))).isNull();
    }

    @Test
    void shouldRefuseUnknownAndRevokedKeys() throws Exception {
        Map<String, String> headers = signedAt(NOW, "/p", BODY);
        SignatureVerifier.Presented presented = verifier.parse(headers::get);
        SigningKey revoked = new SigningKey("dk_gate1", SECRET, "device-1", false);

        assertFailure(
                () -> verifier.verify(presented, "POST", "/p", SignedRequests.bodyHash(BODY), null),
                SignatureFailure.UNKNOWN_KEY);
        assertFailure(
                () -> verifier.verify(presented, "POST", "/p", SignedRequests.bodyHash(BODY), revoked),
                SignatureFailure.UNKNOWN_KEY);
    }

    @Test
    void shouldRefuseAnythingChangedAfterSigning() throws Exception {
        Map<String, String> headers = signedAt(NOW, "/checkin/v1/verifications", BODY);
        SignatureVerifier.Presented presented = verifier.parse(headers::get);
        String hash = SignedRequests.bodyHash(BODY);
        byte[] otherBody = "{\"credential\":\"T1.abd\",\"direction\":\"IN\"}".getBytes(StandardCharsets.UTF_8);
        SigningKey otherSecret = new SigningKey(
                "dk_gate1", "another-secret-of-32-bytes-long!".getBytes(StandardCharsets.UTF_8), "d", true);

        assertFailure(
                () -> verifier.verify(presented, "PUT", "/checkin/v1/verifications", hash, KEY),
                SignatureFailure.BAD_SIGNATURE);
        assertFailure(
                () -> verifier.verify(presented, "POST", "/checkin/v1/offline-scans", hash, KEY),
                SignatureFailure.BAD_SIGNATURE);
        assertFailure(
                () -> verifier.verify(
                        presented, "POST", "/checkin/v1/verifications", SignedRequests.bodyHash(otherBody), KEY),
                SignatureFailure.BAD_SIGNATURE);
        assertFailure(
                () -> verifier.verify(presented, "POST", "/checkin/v1/verifications", hash, otherSecret),
                SignatureFailure.BAD_SIGNATURE);
    }

    @Test
    void shouldRefuseMissingOrMalformedHeadersAsBadSignature() {
        for (String header : new String[] {SignedRequests.KEY_ID, SignedRequests.NONCE, SignedRequests.SIGNATURE}) {
            Map<String, String> headers = signedAt(NOW, "/p", BODY);
            headers.remove(header);
            assertFailure(() -> verifier.parse(headers::get), SignatureFailure.BAD_SIGNATURE);
        }
        Map<String, String> shortNonce = signedAt(NOW, "/p", BODY);
        shortNonce.put(SignedRequests.NONCE, "too-short");
        Map<String, String> notBase64 = signedAt(NOW, "/p", BODY);
        notBase64.put(SignedRequests.SIGNATURE, "%%%");

        assertFailure(() -> verifier.parse(shortNonce::get), SignatureFailure.BAD_SIGNATURE);
        assertFailure(() -> verifier.parse(notBase64::get), SignatureFailure.BAD_SIGNATURE);
    }

    private static Map<String, String> signedAt(Instant at, String pathWithQuery, byte[] body) {
        return new HashMap<>(
                SignedRequests.sign("dk_gate1", SECRET, "POST", pathWithQuery, body, Clock.fixed(at, ZoneOffset.UTC)));
    }

    private interface Step {
        void run() throws SignatureException;
    }

    private static SignatureException catching(Step step) {
        try {
            step.run();
            return null;
        } catch (SignatureException e) {
            return e;
        }
    }

    private static void assertFailure(Step step, SignatureFailure expected) {
        assertThatThrownBy(step::run)
                .isInstanceOf(SignatureException.class)
                .extracting(e -> ((SignatureException) e).failure())
                .isEqualTo(expected);
    }
}
