-- Gives back the places of one hold. KEYS: used, ids, refs (one date). ARGV: hold ref.
-- Returns the number of places given back (0 when the hold is not admitted here).
local entry = redis.call('HGET', KEYS[3], ARGV[1])
if not entry then
  return 0
end
return give_back(KEYS[1], KEYS[2], KEYS[3], ARGV[1], entry)
