-- Idempotency-Key records of creating POSTs (platform-idempotency): the first answer to a key,
-- replayed to a retry with the same key and body. Rows older than ticketing.idempotency.retention
-- are deleted. Scope and key use a binary ASCII collation: keys are case-sensitive, as clients expect.
CREATE TABLE idempotency_record (
    scope                 VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'operation, e.g. POST /api/v1/orders',
    idem_key              VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'Idempotency-Key header value',
    request_hash          CHAR(64)     CHARACTER SET ascii NOT NULL COMMENT 'SHA-256 (hex) of the canonical request body',
    reserved_id           VARCHAR(64)  NOT NULL COMMENT 'id given to the first request and to one that takes over',
    state                 VARCHAR(16)  NOT NULL COMMENT 'IN_PROGRESS or DONE',
    response_status       INT          NULL COMMENT 'HTTP status of the first answer',
    response_content_type VARCHAR(100) NULL,
    response_body         MEDIUMTEXT   NULL COMMENT 'first answer body, replayed verbatim',
    created_at            DATETIME(3)  NOT NULL COMMENT 'UTC',
    updated_at            DATETIME(3)  NOT NULL COMMENT 'UTC; compared to take over an abandoned request',
    PRIMARY KEY (scope, idem_key),
    KEY ix_idempotency_record_created_at (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'Idempotency-Key records (platform-idempotency)';
