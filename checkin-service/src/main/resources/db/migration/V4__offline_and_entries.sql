-- Offline gates and multi-entry tickets.
-- ticket_pass: the visitor's document hashed with the visit day's key (what offline packages carry),
-- how many entries a day the ticket allows, and an index for packages' deltas (changes since a time).
ALTER TABLE ticket_pass
    ADD COLUMN day_hash CHAR(64) CHARACTER SET ascii NULL COMMENT 'document hashed with the day key' AFTER id_hash,
    ADD COLUMN entries  INT      NOT NULL DEFAULT 1 COMMENT 'entries allowed per day' AFTER ticket_type,
    ADD KEY ix_ticket_pass_day_changed (visit_date, updated_at);

-- A ticket may enter up to `entries` times a day: one row per entry, still atomic by primary key.
ALTER TABLE redemption
    ADD COLUMN entry   INT     NOT NULL DEFAULT 1 AFTER visit_date,
    ADD COLUMN offline BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'admitted by an offline gate, reported on upload',
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (ticket_id, visit_date, entry);

-- Every scan an offline gate uploaded, by the gate's own scan id (so uploads can be repeated), with
-- what it was answered. Conflicts stay here: they are reported, never dropped.
CREATE TABLE offline_scan (
    device_id   BIGINT      NOT NULL,
    scan_id     VARCHAR(64) CHARACTER SET ascii NOT NULL,
    ticket_id   VARCHAR(40) CHARACTER SET ascii NOT NULL,
    gate        VARCHAR(64) NOT NULL,
    direction   VARCHAR(3)  NOT NULL COMMENT 'IN or OUT',
    scanned_at  DATETIME(3) NOT NULL COMMENT 'UTC, as the gate reported it',
    received_at DATETIME(3) NOT NULL COMMENT 'UTC',
    outcome     VARCHAR(16) NOT NULL COMMENT 'accepted or conflict',
    reason      VARCHAR(32) NULL COMMENT 'why a conflict',
    PRIMARY KEY (device_id, scan_id),
    KEY ix_offline_scan_outcome (outcome, received_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'Scans uploaded by gates that were offline';
