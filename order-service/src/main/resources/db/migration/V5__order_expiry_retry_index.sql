-- The expiry job's other two reads (every expiry-interval, on each instance) went through
-- idx_order_due and read every unpaid order: the failed expiries due again (then sorted), and the
-- count of those waiting (order_expiry_stuck). With 20,000 unpaid orders that was 15,000 rows a second
-- while idle and most of MySQL's work under load (docs/benchmarks.md).
--
-- Built online (no table copy, writes go on), but the ALTER needs a metadata lock at its start and
-- end: give up after 5 s instead of queueing every order query behind a long transaction (the
-- start-up fails and is tried again). Skipped when the index exists, so it can be built out of band
-- first on a large table (docs/configuration.md, "Schema changes") and a start-up that died after
-- the build but before Flyway recorded it is not stuck on a duplicate index.
SET SESSION lock_wait_timeout = 5;
SET @missing = (SELECT COUNT(*) = 0 FROM information_schema.statistics
                WHERE table_schema = DATABASE() AND table_name = 'ticket_order' AND index_name = 'idx_order_retry');
SET @ddl = IF(@missing,
    'ALTER TABLE ticket_order ADD INDEX idx_order_retry (status, expiry_retry_at), ALGORITHM = INPLACE, LOCK = NONE',
    'DO 0');
PREPARE add_index FROM @ddl;
EXECUTE add_index;
DEALLOCATE PREPARE add_index;
