-- The price of each place when it was taken: what the buyer was charged, whatever the type costs later.
ALTER TABLE hold_unit ADD COLUMN price_fen BIGINT NOT NULL DEFAULT 0 AFTER ticket_type;
