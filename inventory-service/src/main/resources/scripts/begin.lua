-- Begins a reconcile run of one date, before it reads the ledger. KEYS: runs. ARGV: a new random
-- epoch, kept only when the date has none (its first run, or Redis lost its data since).
-- Returns {epoch, run number}: numbers grow with every run begun on the same epoch.
redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1])
return {redis.call('HGET', KEYS[1], 'epoch'), redis.call('HINCRBY', KEYS[1], 'begun', 1)}
