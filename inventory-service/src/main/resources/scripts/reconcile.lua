-- Brings one date's counters in line with the ledger, without losing admissions in flight.
-- KEYS: cap, used, ids, refs. ARGV: now (ms), grace (ms), number of capacity pairs C, then C pairs
-- (field, capacity), then one entry per live hold in the ledger: "ref|session field|id,id,...".
-- Holds in Redis but not in the ledger are dropped only once older than the grace period (they may
-- be between their admission and their ledger insert). Returns {added, removed}.
local now, grace, c = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('DEL', KEYS[1])
for i = 4, 3 + 2 * c, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
local ledger = {}
for i = 4 + 2 * c, #ARGV do
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
      give_back(KEYS[2], KEYS[3], KEYS[4], ref, entry)
      removed = removed + 1
    end
  end
end
for ref, rest in pairs(ledger) do
  local entry = redis.call('HGET', KEYS[4], ref)
  if entry then
    -- Known here, but places the ledger still holds may have been given back (a release whose global
    -- transaction then rolled back): take them again, so Redis never counts fewer than the ledger.
    local sessionField, idList = string.match(rest, '^([^|]*)|(.*)$')
    local _, at, redisIds = string.match(entry, '^([^|]*)|([^|]*)|(.*)$')
    local counted = {}
    for id in string.gmatch(redisIds, '[^,]+') do
      counted[id] = true
    end
    local missing = 0
    for id in string.gmatch(idList, '[^,]+') do
      if not counted[id] then
        redis.call('HSET', KEYS[3], id, ref)
        redisIds = redisIds == '' and id or (redisIds .. ',' .. id)
        missing = missing + 1
      end
    end
    if missing > 0 then
      redis.call('HINCRBY', KEYS[2], 'day', missing)
      redis.call('HINCRBY', KEYS[2], sessionField, missing)
      redis.call('HSET', KEYS[4], ref, sessionField .. '|' .. at .. '|' .. redisIds)
      added = added + 1
    end
  else
    local sessionField, idList = string.match(rest, '^([^|]*)|(.*)$')
    local n = 0
    for id in string.gmatch(idList, '[^,]+') do
      redis.call('HSET', KEYS[3], id, ref)
      n = n + 1
    end
    redis.call('HINCRBY', KEYS[2], 'day', n)
    redis.call('HINCRBY', KEYS[2], sessionField, n)
    redis.call('HSET', KEYS[4], ref, sessionField .. '|' .. now .. '|' .. idList)
    added = added + 1
  end
end
return {added, removed}
