-- Operator accounts (minimum for now: the first one comes from deployment configuration).
CREATE TABLE operator_account (
    username      VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash VARCHAR(255) NOT NULL COMMENT 'Argon2id, encoded with its parameters',
    roles         VARCHAR(255) NOT NULL COMMENT 'comma-separated',
    active        BOOLEAN      NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    updated_at    DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'back-office operators';
