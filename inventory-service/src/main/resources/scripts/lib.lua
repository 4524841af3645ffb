-- Shared by the scripts below it (CapacityStore prepends this file to each one).
-- Gives back the places of the admitted hold `ref`, whose refs entry is `entry`
-- ("session field|admitted at ms|id,id,..."). Returns how many places.
local function give_back(usedKey, idsKey, refsKey, ref, entry)
  local sessionField, _, idList = string.match(entry, '^([^|]*)|([^|]*)|(.*)$')
  local n = 0
  for id in string.gmatch(idList, '[^,]+') do
    if redis.call('HGET', idsKey, id) == ref then
      redis.call('HDEL', idsKey, id)
    end
    n = n + 1
  end
  redis.call('HINCRBY', usedKey, 'day', -n)
  redis.call('HINCRBY', usedKey, sessionField, -n)
  redis.call('HDEL', refsKey, ref)
  return n
end

