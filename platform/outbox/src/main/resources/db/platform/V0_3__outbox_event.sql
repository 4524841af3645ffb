-- Transactional outbox (platform-outbox): events written in the same transaction as the change they
-- describe, relayed to a Redis stream by OutboxRelay. The payload is MEDIUMTEXT rather than JSON so
-- consumers receive it byte for byte as written (a JSON column reorders keys and rewrites spacing).
CREATE TABLE outbox_event (
    id           BIGINT       NOT NULL AUTO_INCREMENT COMMENT 'relay order',
    event_id     CHAR(36)     CHARACTER SET ascii NOT NULL COMMENT 'UUID; consumers dedupe by it',
    event_type   VARCHAR(100) NOT NULL,
    aggregate_id VARCHAR(100) NOT NULL,
    payload      MEDIUMTEXT   NOT NULL COMMENT 'JSON',
    occurred_at  DATETIME(3)  NOT NULL COMMENT 'UTC',
    relayed_at   DATETIME(3)  NULL COMMENT 'UTC; NULL until written to the stream',
    PRIMARY KEY (id),
    UNIQUE KEY ux_outbox_event_event_id (event_id),
    KEY ix_outbox_event_relayed_at (relayed_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'Transactional outbox (platform-outbox)';
