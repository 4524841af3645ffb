package com.wuhou.ticketing.checkin.device;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Row of {@code device}; times in UTC. */
@TableName("device")
class DeviceDO {

    @TableId(type = IdType.AUTO)
    Long deviceId;

    String name;
    String gate;
    String area;
    String keyId;
    byte[] secretSealed;
    String status;
    Long keyVersion;
    LocalDateTime createdAt;
    LocalDateTime revokedAt;

    Device toView() {
        return new Device(
                deviceId,
                name,
                gate,
                area,
                keyId,
                status,
                createdAt.toInstant(ZoneOffset.UTC),
                revokedAt == null ? null : revokedAt.toInstant(ZoneOffset.UTC));
    }
}
