-- The ledger: one appended row per held or sold place. "Sold + held" of a session or a day is
-- derived from these rows; there is no counter row that every buyer would update.
CREATE TABLE hold_unit (
    id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    hold_ref    VARCHAR(64) NOT NULL COMMENT 'the order (or channel booking) the place is held for',
    session_id  BIGINT      NOT NULL,
    visit_date  DATE        NOT NULL,
    ticket_type VARCHAR(32) NOT NULL,
    id_hash     CHAR(64)    NOT NULL COMMENT 'SHA-256 of the visitor ID number: the per-ID daily limit without the number',
    state       VARCHAR(16) NOT NULL COMMENT 'HELD, SOLD or RELEASED',
    created_at  DATETIME(6) NOT NULL,
    updated_at  DATETIME(6) NOT NULL,
    UNIQUE KEY ux_hold_unit_ref_id (hold_ref, id_hash),
    KEY ix_hold_unit_session_state (session_id, state),
    KEY ix_hold_unit_date_state (visit_date, state)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'capacity ledger: held and sold places';
