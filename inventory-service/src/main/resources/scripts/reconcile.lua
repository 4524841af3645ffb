-- Brings one date's counters in line with the ledger, without losing admissions in flight.
-- KEYS: cap, used, ids, refs, given, runs. ARGV: run number and epoch (begin.lua), now (ms), grace
-- (ms), number of capacity pairs C, then C pairs (field, capacity), then one entry per live hold in
-- the ledger: "ref|session field|id,id,...".
-- Runs apply in the order they began: a run begun before the last applied one changes nothing (that
-- one read the ledger after this one began). Holds in Redis but not in the ledger are dropped only
-- once older than the grace period (they may be between their admission and their ledger insert).
-- Returns {1, added, removed}; {0, 0, 0} when a later run applied first; {-1, 0, 0} when Redis lost
-- the date's data since this run began (its ledger read may list places given back before the loss:
-- read again).
local run, epoch = tonumber(ARGV[1]), ARGV[2]
local now, grace, c = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
if redis.call('HGET', KEYS[6], 'epoch') ~= epoch or tonumber(redis.call('HGET', KEYS[6], 'begun') or '0') < run then
  return {-1, 0, 0}
end
if tonumber(redis.call('HGET', KEYS[6], 'applied') or '0') >= run then
  return {0, 0, 0}
end
redis.call('HSET', KEYS[6], 'applied', run)
redis.call('DEL', KEYS[1])
for i = 6, 5 + 2 * c, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
local ledger = {}
for i = 6 + 2 * c, #ARGV do
  local ref, rest = string.match(ARGV[i], '^([^|]*)|(.*)$')
  ledger[ref] = rest
end
local added, removed = 0, 0
local admitted = redis.call('HGETALL', KEYS[4])
for i = 1, #admitted, 2 do
  local ref, entry = admitted[i], admitted[i + 1]
  if not ledger[ref] then
    local at = string.match(entry, '^[^|]*|([^|]*)|')
    if now - tonumber(at) > grace then
      give_back(KEYS[2], KEYS[3], KEYS[4], ref, entry, nil)
      removed = removed + 1
    end
  end
end
-- A hold Redis knows counts at least the places the ledger holds: the gate gives places back only
-- after their release is committed in the ledger, so nothing is added to it. A hold Redis lost is
-- taken again, but for places the gate gave back since this run began: the ledger read is older.
for ref, rest in pairs(ledger) do
  if redis.call('HEXISTS', KEYS[4], ref) == 0 then
    local sessionField, idList = string.match(rest, '^([^|]*)|(.*)$')
    local ids = {}
    for id in string.gmatch(idList, '[^,]+') do
      if tonumber(redis.call('HGET', KEYS[5], ref .. '|' .. id) or '0') < run then
        redis.call('HSET', KEYS[3], id, ref)
        ids[#ids + 1] = id
      end
    end
    if #ids > 0 then
      redis.call('HINCRBY', KEYS[2], 'day', #ids)
      redis.call('HINCRBY', KEYS[2], sessionField, #ids)
      redis.call('HSET', KEYS[4], ref, sessionField .. '|' .. now .. '|' .. table.concat(ids, ','))
      added = added + 1
    end
  end
end
-- Places given back before this run began are in no ledger read of a run that can still apply.
local given = redis.call('HGETALL', KEYS[5])
for i = 1, #given, 2 do
  if tonumber(given[i + 1]) < run then
    redis.call('HDEL', KEYS[5], given[i])
  end
end
return {1, added, removed}
