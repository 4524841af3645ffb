package com.wuhou.ticketing.checkin.device;

import com.wuhou.ticketing.checkin.CheckinProperties;
import com.wuhou.ticketing.platform.signedrequest.KeyRecords;
import com.wuhou.ticketing.platform.signedrequest.SecretBox;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Seals device secrets and publishes the keys for the gateway ({@link KeyRecords}, in Redis). The
 * database is the source of truth: every change is published after its commit, and the whole set is
 * rebuilt at start-up and every {@code ticketing.checkin.key-sync}, so a Redis that lost its data
 * knows every device again within that time (until then their requests are refused, never let in).
 */
@Component
class DeviceKeys {

    private static final Logger log = LoggerFactory.getLogger(DeviceKeys.class);

    /** Devices' key ids start with this; other issuers (channels) use their own prefix. */
    static final String KEY_PREFIX = "dk_";

    private final SecretBox box;
    private final DeviceMapper devices;
    private final StringRedisTemplate redis;

    DeviceKeys(CheckinProperties properties, DeviceMapper devices, StringRedisTemplate redis) {
        this.box = new SecretBox(encryptionKey(properties));
        this.devices = devices;
        this.redis = redis;
    }

    byte[] seal(byte[] secret) {
        return box.seal(secret);
    }

    byte[] open(byte[] sealed) {
        return box.open(sealed);
    }

    void publish(DeviceDO device) {
        redis.opsForHash().put(KeyRecords.REDIS_HASH, device.keyId, record(device));
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(
            fixedDelayString = "${ticketing.checkin.key-sync:30s}",
            initialDelayString = "${ticketing.checkin.key-sync:30s}")
    void publishAll() {
        List<DeviceDO> all = devices.selectList(null);
        Map<String, String> records = new HashMap<>();
        all.forEach(d -> records.put(d.keyId, record(d)));
        if (!records.isEmpty()) {
            redis.opsForHash().putAll(KeyRecords.REDIS_HASH, records);
        }
        List<Object> stale = redis.opsForHash().keys(KeyRecords.REDIS_HASH).stream()
                // Only devices' keys: channels publish theirs in the same hash.
                .filter(keyId -> keyId.toString().startsWith(KEY_PREFIX) && !records.containsKey(keyId.toString()))
                .map(Object.class::cast)
                .toList();
        if (!stale.isEmpty()) {
            redis.opsForHash().delete(KeyRecords.REDIS_HASH, stale.toArray());
            log.warn("Removed {} published keys no device has", stale.size());
        }
    }

    static String principal(long deviceId) {
        return "device:" + deviceId;
    }

    private static String record(DeviceDO device) {
        return KeyRecords.encode(principal(device.deviceId), Device.ACTIVE.equals(device.status), device.secretSealed);
    }

    private static String encryptionKey(CheckinProperties properties) {
        String configured = properties.signingKeyEncryptionKey();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (properties.ephemeralKeys()) {
            log.warn("Sealing device secrets with a key made at start-up (tests only)");
            return Base64.getEncoder().encodeToString(SecretBox.newSecret());
        }
        throw new IllegalStateException("ticketing.checkin.signing-key-encryption-key must be set"
                + " (environment SIGNING_KEY_ENCRYPTION_KEY, Base64 of 32 bytes)");
    }
}
