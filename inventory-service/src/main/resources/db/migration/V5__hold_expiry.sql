-- A hold expires by itself: inventory gives back places still HELD past expires_at (HoldExpiry), so a
-- taker that crashed between its hold and its own write leaves nothing held for good (ADR 0012).
-- Rows written before this column have none and are released only by their taker.
ALTER TABLE hold_unit
    ADD COLUMN expires_at DATETIME(3) NULL COMMENT 'UTC; HELD places past it are given back' AFTER state,
    ADD KEY ix_hold_unit_state_expiry (state, expires_at);
