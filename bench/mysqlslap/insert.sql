-- One durable one-row insert into the ledger table (the sales floor's write).
INSERT INTO hold_unit (hold_ref, session_id, visit_date, ticket_type, price_fen, id_hash, state, expires_at, created_at, updated_at) VALUES (REPLACE(UUID(), '-', ''), 1, CURDATE(), 'ADULT', 5000, SHA2(UUID(), 256), 'HELD', NOW(3), NOW(6), NOW(6))
