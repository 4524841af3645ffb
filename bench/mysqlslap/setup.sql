-- Copies of the tables one hold writes, empty, for mysqlslap (docs/benchmarks.md, "Holds beside the floors of their parts").
CREATE DATABASE IF NOT EXISTS bench_slap;
DROP TABLE IF EXISTS bench_slap.hold_unit;
DROP TABLE IF EXISTS bench_slap.idempotency_record;
DROP TABLE IF EXISTS bench_slap.ticket_order;
DROP TABLE IF EXISTS bench_slap.order_ticket;
CREATE TABLE bench_slap.hold_unit LIKE inventory_db.hold_unit;
CREATE TABLE bench_slap.idempotency_record LIKE order_db.idempotency_record;
CREATE TABLE bench_slap.ticket_order LIKE order_db.ticket_order;
CREATE TABLE bench_slap.order_ticket LIKE order_db.order_ticket;
