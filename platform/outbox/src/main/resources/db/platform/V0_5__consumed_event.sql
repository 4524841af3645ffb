-- Events a service has consumed from other services' streams (platform-outbox, EventConsumer): the
-- handler's changes and this row commit together, so an event delivered twice is applied once.
CREATE TABLE consumed_event (
    event_id    CHAR(36)     CHARACTER SET ascii NOT NULL,
    stream      VARCHAR(100) NOT NULL,
    event_type  VARCHAR(100) NOT NULL,
    consumed_at DATETIME(3)  NOT NULL COMMENT 'UTC',
    PRIMARY KEY (event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'Consumed events, for idempotent consumers (platform-outbox)';
