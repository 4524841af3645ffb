package com.wuhou.ticketing.checkin.device;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.wuhou.ticketing.checkin.CheckinProperties;
import com.wuhou.ticketing.platform.signedrequest.KeyRecords;
import com.wuhou.ticketing.platform.signedrequest.SecretBox;
import com.wuhou.ticketing.platform.signedrequest.SigningKey;
import com.wuhou.ticketing.platform.signedrequest.SigningKeyLookup;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Device keys, from the database (the source of truth). This service checks every signed request
 * against them itself ({@link SigningKeyLookup}, a moment's copy per key), and publishes them for
 * the gateway ({@link KeyRecords}, in Redis): every change after its commit, and the whole set at
 * start-up and every {@code ticketing.checkin.key-sync}, so a Redis that lost its data knows every
 * device again within that time (until then their requests are refused, never let in). Records go
 * out with the key's version, and a newer record is never overwritten by an older one.
 */
@Component
class DeviceKeys implements SigningKeyLookup {

    private static final Logger log = LoggerFactory.getLogger(DeviceKeys.class);

    /** Devices' key ids start with this; other issuers (channels) use their own prefix. */
    static final String KEY_PREFIX = "dk_";

    /** How long a looked-up key is used before it is read again (a revocation elsewhere takes this long). */
    private static final long LOOKUP_TTL_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final RedisScript<Long> PUBLISH = RedisScript.of(KeyRecords.PUBLISH_SCRIPT, Long.class);

    private record Recent(Optional<SigningKey> key, long loadedAt) {}

    private final Map<String, Recent> recent = new ConcurrentHashMap<>();
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

    @Override
    public Optional<SigningKey> find(String keyId) {
        long now = System.nanoTime();
        Recent known = recent.get(keyId);
        if (known != null && now - known.loadedAt() < LOOKUP_TTL_NANOS) {
            return known.key();
        }
        Optional<SigningKey> key = Optional.ofNullable(
                        devices.selectOne(new QueryWrapper<DeviceDO>().eq("key_id", keyId)))
                .map(d -> new SigningKey(
                        d.keyId, open(d.secretSealed), principal(d.deviceId), Device.ACTIVE.equals(d.status)));
        // Only keys that exist are kept: made-up key ids must not grow the map.
        key.ifPresent(k -> recent.put(keyId, new Recent(key, now)));
        return key;
    }

    /** Publishes the device's key as the row says, and forgets this instance's copy of it. */
    void publish(DeviceDO device) {
        recent.remove(device.keyId);
        redis.execute(
                PUBLISH,
                List.of(KeyRecords.REDIS_HASH),
                device.keyId,
                record(device),
                Long.toString(device.keyVersion));
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(
            fixedDelayString = "${ticketing.checkin.key-sync:30s}",
            initialDelayString = "${ticketing.checkin.key-sync:30s}")
    void publishAll() {
        List<DeviceDO> all = devices.selectList(null);
        all.forEach(this::publish);
        Set<String> known = all.stream().map(d -> d.keyId).collect(Collectors.toSet());
        List<Object> stale = redis.opsForHash().keys(KeyRecords.REDIS_HASH).stream()
                // Only devices' keys: channels publish theirs in the same hash.
                .filter(keyId -> keyId.toString().startsWith(KEY_PREFIX) && !known.contains(keyId.toString()))
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

    private String record(DeviceDO device) {
        return KeyRecords.encode(
                device.keyId,
                principal(device.deviceId),
                Device.ACTIVE.equals(device.status),
                device.keyVersion,
                open(device.secretSealed),
                box);
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
