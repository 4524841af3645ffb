-- Shared by the scripts below it (CapacityStore prepends this file to each one).
-- Gives back places of the admitted hold `ref`, whose refs entry is `entry` ("session field|admitted
-- at ms|id,id,..."): those whose ID hash is a key of `drop`, or all of them when `drop` is nil.
-- Returns the ID hashes given back.
local function give_back(usedKey, idsKey, refsKey, ref, entry, drop)
  local sessionField, at, idList = string.match(entry, '^([^|]*)|([^|]*)|(.*)$')
  local given, keep = {}, {}
  for id in string.gmatch(idList, '[^,]+') do
    if drop == nil or drop[id] then
      if redis.call('HGET', idsKey, id) == ref then
        redis.call('HDEL', idsKey, id)
      end
      given[#given + 1] = id
    else
      keep[#keep + 1] = id
    end
  end
  if #given > 0 then
    redis.call('HINCRBY', usedKey, 'day', -#given)
    redis.call('HINCRBY', usedKey, sessionField, -#given)
  end
  if #keep == 0 then
    redis.call('HDEL', refsKey, ref)
  elseif #given > 0 then
    redis.call('HSET', refsKey, ref, sessionField .. '|' .. at .. '|' .. table.concat(keep, ','))
  end
  return given
end

