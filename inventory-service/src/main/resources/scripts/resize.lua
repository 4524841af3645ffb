-- Sets a session's capacity unless more places than that are already taken.
-- KEYS: cap, used (one date). ARGV: session field, new capacity.
-- Returns -1 when set, otherwise the places taken (the smallest capacity allowed).
local used = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if used > tonumber(ARGV[2]) then
  return used
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return -1
