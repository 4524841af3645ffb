-- One row per ticket admitted per day: the primary key makes a redemption atomic across gates.
CREATE TABLE redemption (
    ticket_id   VARCHAR(40) CHARACTER SET ascii NOT NULL,
    visit_date  DATE        NOT NULL COMMENT 'museum local date',
    device_id   BIGINT      NOT NULL,
    gate        VARCHAR(64) NOT NULL,
    redeemed_at DATETIME(3) NOT NULL COMMENT 'UTC',
    PRIMARY KEY (ticket_id, visit_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'Tickets admitted, once per day';

-- Every scan a gate asked about, with its answer (the audit of who went through where and when).
CREATE TABLE scan (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    device_id   BIGINT      NOT NULL,
    gate        VARCHAR(64) NOT NULL,
    area        VARCHAR(64) NOT NULL,
    direction   VARCHAR(3)  NOT NULL COMMENT 'IN or OUT',
    kind        VARCHAR(8)  NOT NULL COMMENT 'QR or ID',
    ticket_id   VARCHAR(40) CHARACTER SET ascii NULL,
    result      VARCHAR(8)  NOT NULL COMMENT 'ACCEPTED or REJECTED',
    reason      VARCHAR(32) NULL,
    scanned_at  DATETIME(3) NOT NULL COMMENT 'UTC, as the gate reported it',
    received_at DATETIME(3) NOT NULL COMMENT 'UTC',
    PRIMARY KEY (id),
    KEY ix_scan_ticket (ticket_id),
    KEY ix_scan_received (received_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'Every scan and its answer';
