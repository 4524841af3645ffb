-- Sets a capacity at the gate unless more places than that are already taken.
-- KEYS: cap, used (one date). ARGV: field (day or a session), capacity checked, capacity stored
-- (they differ for a closed day: its cap stays what the operator set, the gate stores 0).
-- Returns -1 when set, otherwise the places taken (the smallest capacity allowed).
local used = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if used > tonumber(ARGV[2]) then
  return used
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return -1
