-- Claims a user name for a session of a replica, atomically.
-- KEYS[1]  the name's lease key
-- ARGV[1]  the claimant: "<replica> <incarnation> <token>"
-- ARGV[2]  the lease time, in milliseconds
-- ARGV[3]  the prefix of the replicas' alive keys (value: the running incarnation)
-- ARGV[4]  the registry's marker (see open-registry.lua)
-- Returns 1 when the lease is now the claimant's, 0 when a live replica holds the name, -1 while
-- the registry is not open (Redis lost it and the replicas are still re-asserting their names).
local open = redis.call('GET', ARGV[4])
local now = redis.call('TIME')
if not open or tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) < tonumber(open) then
  return -1
end
local held = redis.call('GET', KEYS[1])
if held and held ~= ARGV[1] then
  local replica, incarnation = string.match(held, '^(%S+) (%S+) ')
  local mine = string.match(ARGV[1], '^(%S+ %S+) ')
  -- the same replica's older lease is stale (its own registry says the name is free there);
  -- a lease of a replica that is gone, or restarted since, is free to take over
  if replica and (replica .. ' ' .. incarnation) ~= mine and redis.call('GET', ARGV[3] .. replica) == incarnation then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
