-- Makes sure the registry of names is open for claims. A Redis that lost the names (restarted
-- empty) has no marker: the first replica that notices creates it, opening claims only after a
-- grace time in which every replica re-asserts its users' names, so none can be taken meanwhile.
-- KEYS[1]  the marker: when claims open, in milliseconds of Redis time
-- ARGV[1]  the grace time in milliseconds (0 for a replica that never saw the marker: a new cluster)
-- Returns 1 when it created the marker, 0 when it was there.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local now = redis.call('TIME')
redis.call('SET', KEYS[1], tostring(tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + tonumber(ARGV[1])))
return 1
