-- Gives back places of one hold. KEYS: used, ids, refs (one date). ARGV: hold ref, then the ID
-- hashes of the places to give back (none: the whole hold).
-- Returns the number of places given back (0 when the hold is not admitted here).
local entry = redis.call('HGET', KEYS[3], ARGV[1])
if not entry then
  return 0
end
if #ARGV == 1 then
  return give_back(KEYS[1], KEYS[2], KEYS[3], ARGV[1], entry)
end
local sessionField, at, idList = string.match(entry, '^([^|]*)|([^|]*)|(.*)$')
local drop = {}
for i = 2, #ARGV do
  drop[ARGV[i]] = true
end
local keep, n = {}, 0
for id in string.gmatch(idList, '[^,]+') do
  if drop[id] then
    if redis.call('HGET', KEYS[2], id) == ARGV[1] then
      redis.call('HDEL', KEYS[2], id)
    end
    n = n + 1
  else
    keep[#keep + 1] = id
  end
end
if n == 0 then
  return 0
end
redis.call('HINCRBY', KEYS[1], 'day', -n)
redis.call('HINCRBY', KEYS[1], sessionField, -n)
if #keep == 0 then
  redis.call('HDEL', KEYS[3], ARGV[1])
else
  redis.call('HSET', KEYS[3], ARGV[1], sessionField .. '|' .. at .. '|' .. table.concat(keep, ','))
end
return n
