-- What gates may admit: paid tickets as order-service's events describe them (the read model of
-- checkin-service, fed from the stream events:order-service, never from calls on a scan).
CREATE TABLE ticket_pass (
    ticket_id    VARCHAR(40)  CHARACTER SET ascii NOT NULL,
    order_no     VARCHAR(40)  CHARACTER SET ascii NOT NULL,
    session_id   BIGINT       NOT NULL,
    visit_date   DATE         NOT NULL COMMENT 'museum local date',
    start_time   TIME         NOT NULL COMMENT 'museum local time',
    end_time     TIME         NOT NULL,
    ticket_type  VARCHAR(32)  NOT NULL,
    id_hash      CHAR(64)     CHARACTER SET ascii NOT NULL COMMENT 'keyed hash of the visitor document',
    visitor_name VARCHAR(64)  NOT NULL COMMENT 'masked',
    status       VARCHAR(16)  NOT NULL COMMENT 'VALID or REFUNDED',
    updated_at   DATETIME(3)  NOT NULL COMMENT 'UTC',
    PRIMARY KEY (ticket_id),
    KEY ix_ticket_pass_day_id (visit_date, id_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'Paid tickets gates may admit (read model)';
