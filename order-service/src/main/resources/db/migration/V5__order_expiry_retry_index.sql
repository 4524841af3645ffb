-- The expiry job's other two reads (every expiry-interval, on each instance) went through
-- idx_order_due and read every unpaid order: the failed expiries due again (then sorted), and the
-- count of those waiting (order_expiry_stuck). With 20,000 unpaid orders that was 15,000 rows a second
-- while idle and most of MySQL's work under load (docs/benchmarks.md). Built online: no table copy,
-- writes go on meanwhile.
ALTER TABLE ticket_order ADD INDEX idx_order_retry (status, expiry_retry_at), ALGORITHM = INPLACE, LOCK = NONE;
