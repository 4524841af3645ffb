-- Which refund withdrew a ticket from the gates. A refund sets it (with status REFUNDED) inside its
-- Seata global transaction, before it is answered, and only while the ticket has not entered; if the
-- refund rolls back, Seata's undo restores the row. One refund at a time per ticket.
ALTER TABLE ticket_pass ADD COLUMN refund_id VARCHAR(64) CHARACTER SET ascii NULL COMMENT 'the refund that withdrew it' AFTER status;
