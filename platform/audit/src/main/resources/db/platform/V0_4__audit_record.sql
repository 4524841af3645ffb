-- Audit trail (platform-audit): every operator change, written in the transaction of the change.
-- Rows are only ever inserted; the service's database account needs no UPDATE or DELETE on them.
CREATE TABLE audit_record (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    occurred_at DATETIME(3)  NOT NULL COMMENT 'UTC',
    actor       VARCHAR(64)  NOT NULL COMMENT 'operator username, or system for the platform itself',
    action      VARCHAR(64)  NOT NULL COMMENT 'for example session.capacity.change',
    target      VARCHAR(128) NOT NULL COMMENT 'what changed, for example session/42',
    before_json MEDIUMTEXT   NULL COMMENT 'JSON; NULL when created',
    after_json  MEDIUMTEXT   NULL COMMENT 'JSON; NULL when deleted',
    request_id  VARCHAR(64)  NULL COMMENT 'X-Request-Id, to find the logs of the change',
    PRIMARY KEY (id),
    KEY ix_audit_record_target (target, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'Audit trail of operator changes (platform-audit)';
