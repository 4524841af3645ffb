-- Gives back places of one hold. KEYS: used, ids, refs, given, runs (one date). ARGV: hold ref, then
-- the ID hashes of the places to give back (none: the whole hold).
-- Each place given back is noted in `given` with the last reconcile run begun: a run begun before it
-- may hold a ledger read from before this release and must not take the place again (reconcile.lua).
-- Returns the number of places given back (0 when the hold is not admitted here).
local entry = redis.call('HGET', KEYS[3], ARGV[1])
if not entry then
  return 0
end
local drop = nil
if #ARGV > 1 then
  drop = {}
  for i = 2, #ARGV do
    drop[ARGV[i]] = true
  end
end
local given = give_back(KEYS[1], KEYS[2], KEYS[3], ARGV[1], entry, drop)
local run = redis.call('HGET', KEYS[5], 'begun') or '0'
for _, id in ipairs(given) do
  redis.call('HSET', KEYS[4], ARGV[1] .. '|' .. id, run)
end
return #given
