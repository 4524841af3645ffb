package com.wuhou.ticketing.gate;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link Gate} needs.
 *
 * @param baseUri the gateway, e.g. {@code http://127.0.0.1:8080}
 * @param keyId the device's key id (header {@code X-Key-Id})
 * @param secret the device's secret, decoded (operators get it as Base64url text)
 * @param gate where the device stands, sent with every scan
 * @param stateDir where the package, the journal and the day's admissions are kept
 * @param timeout connect and request timeout; past it the platform counts as unreachable
 * @param clock the time of scans and of the museum's day (also signs requests)
 */
public record GateConfig(
        URI baseUri, String keyId, byte[] secret, String gate, Path stateDir, Duration timeout, Clock clock) {

    public static final URI DEFAULT_BASE_URI = URI.create("http://127.0.0.1:8080");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public GateConfig {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(stateDir, "stateDir");
        if (gate.isBlank() || gate.length() > 64) {
            throw new IllegalArgumentException("a gate name has 1 to 64 characters");
        }
        secret = secret.clone();
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** With the default timeout and the system clock. */
    public GateConfig(URI baseUri, String keyId, byte[] secret, String gate, Path stateDir) {
        this(baseUri, keyId, secret, gate, stateDir, DEFAULT_TIMEOUT, Clock.systemUTC());
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    public GateConfig withClock(Clock newClock) {
        return new GateConfig(baseUri, keyId, secret, gate, stateDir, timeout, newClock);
    }

    public GateConfig withTimeout(Duration newTimeout) {
        return new GateConfig(baseUri, keyId, secret, gate, stateDir, newTimeout, clock);
    }

    /** Without the secret: configs end up in logs. */
    @Override
    public String toString() {
        return "GateConfig[baseUri=" + baseUri + ", keyId=" + keyId + ", gate=" + gate + ", stateDir=" + stateDir
                + ", timeout=" + timeout + "]";
    }
}
