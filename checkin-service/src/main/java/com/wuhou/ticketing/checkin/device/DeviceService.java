package com.wuhou.ticketing.checkin.device;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.wuhou.ticketing.checkin.CheckinErrorCode;
import com.wuhou.ticketing.platform.access.Caller;
import com.wuhou.ticketing.platform.audit.AuditTrail;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.signedrequest.SecretBox;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Registers and revokes gate devices; each change is audited and published to the gateway on commit. */
@Service
public class DeviceService {

    /** A new device and its secret, which is shown this once and never again. */
    public record Registered(Device device, String secret) {}

    private static final long SIGNER_TTL_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** A device as read a moment ago. */
    private record Recent(Device device, long loadedAt) {}

    private final Map<String, Recent> signers = new ConcurrentHashMap<>();
    private final DeviceMapper devices;
    private final DeviceKeys keys;
    private final AuditTrail audit;
    private final Clock clock;

    DeviceService(DeviceMapper devices, DeviceKeys keys, AuditTrail audit, Clock clock) {
        this.devices = devices;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Registered register(String name, String gate, String area) {
        byte[] secret = SecretBox.newSecret();
        DeviceDO row = new DeviceDO();
        row.name = name.strip();
        row.gate = gate.strip();
        row.area = area.strip();
        row.keyId = DeviceKeys.KEY_PREFIX + HexFormat.of().formatHex(SecretBox.newSecret(), 0, 12);
        row.secretSealed = keys.seal(secret);
        row.status = Device.ACTIVE;
        row.keyVersion = 1L;
        row.createdAt = now();
        devices.insert(row);
        audit.record("device.register", "device/" + row.deviceId, null, row.toView());
        publishAfterCommit(row);
        return new Registered(
                row.toView(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Revokes the device's key; revoking a revoked device changes nothing. */
    @Transactional
    public Device revoke(long deviceId) {
        DeviceDO row = devices.selectById(deviceId);
        if (row == null) {
            throw new ApiException(CheckinErrorCode.DEVICE_NOT_FOUND, "No device " + deviceId);
        }
        if (Device.REVOKED.equals(row.status)) {
            return row.toView();
        }
        Device before = row.toView();
        row.status = Device.REVOKED;
        row.keyVersion = row.keyVersion + 1;
        row.revokedAt = now();
        devices.updateById(row);
        audit.record("device.revoke", "device/" + deviceId, before, row.toView());
        publishAfterCommit(row);
        return row.toView();
    }

    public List<Device> all() {
        return devices.selectList(new QueryWrapper<DeviceDO>().orderByAsc("device_id")).stream()
                .map(DeviceDO::toView)
                .toList();
    }

    /**
     * The device that signed the request (this service checked the signature: {@code device:<id>}), or
     * a 401 when none did.
     */
    public Device signedBy(Caller caller) {
        String principal = caller == null || caller.kind() != Caller.Kind.SIGNER ? null : caller.name();
        if (principal == null) {
            throw new ApiException(
                    CheckinErrorCode.DEVICE_SIGNATURE_REQUIRED, "Sign the request with a registered device's key");
        }
        // Every scan names its device: a moment's copy saves a query each time. Revocation does not
        // wait for it: the signature check before (DeviceKeys) refuses a revoked key.
        long now = System.nanoTime();
        Recent recent = signers.get(principal);
        if (recent != null && now - recent.loadedAt() < SIGNER_TTL_NANOS) {
            return recent.device();
        }
        Device device = byPrincipal(principal)
                .orElseThrow(() -> new ApiException(
                        CheckinErrorCode.DEVICE_SIGNATURE_REQUIRED, "Sign the request with a registered device's key"));
        signers.put(principal, new Recent(device, now));
        return device;
    }

    private Optional<Device> byPrincipal(String principal) {
        if (principal == null || !principal.startsWith("device:")) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(devices.selectById(Long.parseLong(principal.substring(7))))
                    .map(DeviceDO::toView);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The device's secret, for answers only it should be able to check (its offline package). */
    public byte[] secret(Device device) {
        DeviceDO row = devices.selectById(device.deviceId());
        return keys.open(row.secretSealed);
    }

    private void publishAfterCommit(DeviceDO row) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                keys.publish(row);
            }
        });
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
