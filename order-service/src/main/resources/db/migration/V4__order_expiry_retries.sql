-- An unpaid order whose expiry fails (its payment's provider is down or no longer offered) is tried
-- again later, waiting longer each time, instead of being taken first at every run: the rest expire
-- meanwhile, and order_expiry_stuck counts the ones waiting. INSTANT: no copy of a large table at
-- start-up (the due orders are found by idx_order_due (status, pay_deadline) already).
ALTER TABLE ticket_order
    ADD COLUMN expiry_attempts INT         NOT NULL DEFAULT 0 COMMENT 'failed attempts to expire it' AFTER paid_at,
    ADD COLUMN expiry_retry_at DATETIME(3) NULL COMMENT 'UTC; when a failed expiry is tried again' AFTER expiry_attempts,
    ALGORITHM = INSTANT;
