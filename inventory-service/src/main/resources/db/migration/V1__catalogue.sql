-- What the museum sells and when: configuration rows, changed only by operators.
CREATE TABLE ticket_type (
    code               VARCHAR(32)  NOT NULL PRIMARY KEY COMMENT 'stable code, e.g. ADULT',
    name               VARCHAR(64)  NOT NULL,
    price_fen          BIGINT       NOT NULL,
    real_name_required BOOLEAN      NOT NULL,
    active             BOOLEAN      NOT NULL,
    created_at         DATETIME(6)  NOT NULL,
    updated_at         DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'ticket types and prices';

CREATE TABLE calendar_day (
    visit_date     DATE        NOT NULL PRIMARY KEY COMMENT 'museum local date (Asia/Shanghai)',
    is_open        BOOLEAN     NOT NULL,
    daily_capacity INT         NOT NULL,
    updated_at     DATETIME(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'opening calendar and daily caps';

CREATE TABLE visit_session (
    id         BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    visit_date DATE        NOT NULL,
    start_time TIME        NOT NULL COMMENT 'museum local time',
    end_time   TIME        NOT NULL,
    capacity   INT         NOT NULL,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    UNIQUE KEY ux_visit_session_start (visit_date, start_time)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'timed-entry slots with their capacity';
