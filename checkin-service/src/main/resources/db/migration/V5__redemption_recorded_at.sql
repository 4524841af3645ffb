-- When the platform learned of an entry (UTC), as opposed to when the gate let the visitor in: an
-- offline gate reports its entries later, and packages' deltas must still carry them.
ALTER TABLE redemption ADD COLUMN recorded_at DATETIME(3) NULL COMMENT 'UTC' AFTER redeemed_at;
UPDATE redemption SET recorded_at = redeemed_at;
ALTER TABLE redemption MODIFY COLUMN recorded_at DATETIME(3) NOT NULL COMMENT 'UTC';
