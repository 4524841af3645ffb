-- How many times a day one ticket of a type may enter (most types: once), and the rule a held place
-- was sold under, kept with it like its price.
ALTER TABLE ticket_type ADD COLUMN entries_per_day INT NOT NULL DEFAULT 1 AFTER real_name_required;
ALTER TABLE hold_unit ADD COLUMN entries_per_day INT NOT NULL DEFAULT 1 AFTER price_fen;
