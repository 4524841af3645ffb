-- One hold's writes as order-service and inventory make them (MySQL's general log): 9 statements a hold.
SET @k = CONVERT(REPLACE(UUID(), '-', '') USING ascii);
SET @h = CONVERT(SHA2(@k, 256) USING ascii);
INSERT INTO idempotency_record (scope, idem_key, request_hash, reserved_id, state, created_at, updated_at) VALUES ('POST /api/v1/orders', @k, @h, @k, 'IN_PROGRESS', NOW(3), NOW(3));
INSERT INTO hold_unit (hold_ref, session_id, visit_date, ticket_type, price_fen, entries_per_day, id_hash, state, expires_at, created_at, updated_at) VALUES (@k, 1, CURDATE(), 'ADULT', 5000, 1, @h, 'HELD', NOW(3), NOW(6), NOW(6));
START TRANSACTION;
INSERT INTO ticket_order (order_no, channel, session_id, visit_date, start_time, end_time, contact_phone, status, total_fen, pay_deadline, token_hash, hold_ref, created_at, updated_at) VALUES (@k, 'WEB', 1, CURDATE(), '09:00', '10:00', '13800138000', 'PENDING_PAYMENT', 5000, NOW(3), @h, @k, NOW(3), NOW(3));
INSERT INTO order_ticket (ticket_id, order_no, ticket_type, price_fen, visitor_name, id_type, id_masked, id_hash, status, created_at, updated_at) VALUES (CONCAT(@k, '-1'), @k, 'ADULT', 5000, 'visitor', 'ID_CARD', '1101**********1234', @h, 'UNPAID', NOW(3), NOW(3));
UPDATE idempotency_record SET state = 'DONE', response_body = REPEAT('x', 600), updated_at = NOW(3) WHERE scope = 'POST /api/v1/orders' AND idem_key = @k;
COMMIT
