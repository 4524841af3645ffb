-- Gate devices (turnstiles, handheld scanners) and their signing keys. The secret is stored sealed
-- (AES-256-GCM with SIGNING_KEY_ENCRYPTION_KEY); it is shown once, when the device is registered.
CREATE TABLE device (
    device_id     BIGINT        NOT NULL AUTO_INCREMENT,
    name          VARCHAR(64)   NOT NULL,
    gate          VARCHAR(64)   NOT NULL,
    area          VARCHAR(64)   NOT NULL,
    key_id        VARCHAR(40)   CHARACTER SET ascii NOT NULL COMMENT 'X-Key-Id',
    secret_sealed VARBINARY(96) NOT NULL,
    status        VARCHAR(16)   NOT NULL COMMENT 'ACTIVE or REVOKED',
    created_at    DATETIME(3)   NOT NULL COMMENT 'UTC',
    revoked_at    DATETIME(3)   NULL COMMENT 'UTC',
    PRIMARY KEY (device_id),
    UNIQUE KEY ux_device_key_id (key_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'Gate devices and their signing keys';
