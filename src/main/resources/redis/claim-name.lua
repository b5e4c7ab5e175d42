-- Claims a user name for a session of a replica, atomically: all its keys, or none.
-- KEYS     the lease keys of the name's keys (its spellings that count as the same name)
-- ARGV[1]  the claimant: "<replica> <incarnation> <token>"
-- ARGV[2]  the lease time, in milliseconds
-- ARGV[3]  the prefix of the replicas' alive keys (value: the running incarnation)
-- ARGV[4]  the registry's marker (see open-registry.lua)
-- Returns 1 when the leases are now the claimant's, 0 when a live replica holds one of them, -1
-- while the registry is not open (Redis lost it and the replicas are still re-asserting names).
local open = redis.call('GET', ARGV[4])
local now = redis.call('TIME')
if not open or tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) < tonumber(open) then
  return -1
end
local mine = string.match(ARGV[1], '^(%S+ %S+) ')
for _, key in ipairs(KEYS) do
  local held = redis.call('GET', key)
  if held and held ~= ARGV[1] then
    local replica, incarnation = string.match(held, '^(%S+) (%S+) ')
    -- the same replica's older lease is stale (its own registry says the name is free there);
    -- a lease of a replica that is gone, or restarted since, is free to take over
    if replica and (replica .. ' ' .. incarnation) ~= mine and redis.call('GET', ARGV[3] .. replica) == incarnation then
      return 0
    end
  end
end
for _, key in ipairs(KEYS) do
  redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
end
return 1
