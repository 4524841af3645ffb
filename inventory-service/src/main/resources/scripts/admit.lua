-- Admits one hold atomically: checks the day cap, the session capacity and the per-ID daily limit,
-- then takes the places. KEYS: cap, used, ids, refs (one date). ARGV: session field, hold ref,
-- now (ms), then one ID hash per place.
-- Returns 1 admitted, 0 already admitted (same hold ref), -1 sold out, -2 an ID already holds a
-- place that day, -3 capacities not loaded for this date or session.
if redis.call('HEXISTS', KEYS[4], ARGV[2]) == 1 then
  return 0
end
local dayCap = redis.call('HGET', KEYS[1], 'day')
local sessionCap = redis.call('HGET', KEYS[1], ARGV[1])
if not dayCap or not sessionCap then
  return -3
end
local n = #ARGV - 3
local dayUsed = tonumber(redis.call('HGET', KEYS[2], 'day') or '0')
local sessionUsed = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if sessionUsed + n > tonumber(sessionCap) or dayUsed + n > tonumber(dayCap) then
  return -1
end
for i = 4, #ARGV do
  if redis.call('HEXISTS', KEYS[3], ARGV[i]) == 1 then
    return -2
  end
end
local ids = {}
for i = 4, #ARGV do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[2])
  ids[#ids + 1] = ARGV[i]
end
redis.call('HINCRBY', KEYS[2], 'day', n)
redis.call('HINCRBY', KEYS[2], ARGV[1], n)
redis.call('HSET', KEYS[4], ARGV[2], ARGV[1] .. '|' .. ARGV[3] .. '|' .. table.concat(ids, ','))
return 1
