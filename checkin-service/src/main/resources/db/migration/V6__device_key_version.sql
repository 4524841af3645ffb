-- Each change of a device's key (registration, revocation) gets a higher version, published with the
-- key: a republish that read an older state can then never overwrite a newer one (KeyRecords).
ALTER TABLE device ADD COLUMN key_version BIGINT NOT NULL DEFAULT 1 COMMENT 'raised on every change of the key' AFTER status;
