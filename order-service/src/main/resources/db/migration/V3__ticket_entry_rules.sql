-- What gates need beyond the keyed hash: the document hashed with the visit day's key (offline gates
-- match typed numbers against it) and the entries a day the ticket's type allows.
ALTER TABLE order_ticket
    ADD COLUMN day_hash CHAR(64) CHARACTER SET ascii NULL COMMENT 'document hashed with the visit day key' AFTER id_hash,
    ADD COLUMN entries  INT      NOT NULL DEFAULT 1 COMMENT 'entries allowed per day' AFTER day_hash;
