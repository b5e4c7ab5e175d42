-- Renews the leases of a replica's names, re-creating those Redis lost (a restart) and taking
-- back those left behind by a dead replica; reports the ones a live replica holds now (taken
-- while this replica was paused or cut off), which this replica must give up.
-- KEYS     the names' lease keys
-- ARGV[1]  "<replica> <incarnation>" of the renewing replica
-- ARGV[2]  the lease time, in milliseconds
-- ARGV[3]  the prefix of the replicas' alive keys
-- ARGV[3 + i]  the token of KEYS[i]
-- Returns the keys this replica lost.
local lost = {}
for i, key in ipairs(KEYS) do
  local owner = ARGV[1] .. ' ' .. ARGV[3 + i]
  local held = redis.call('GET', key)
  if held == owner then
    redis.call('PEXPIRE', key, ARGV[2])
  elseif not held then
    redis.call('SET', key, owner, 'PX', ARGV[2])
  else
    local replica, incarnation = string.match(held, '^(%S+) (%S+) ')
    if not replica then
      redis.call('SET', key, owner, 'PX', ARGV[2])
    elseif (replica .. ' ' .. incarnation) == ARGV[1] then
      -- a newer claim of this same replica for the name: its own registry decides, leave it
    elseif redis.call('GET', ARGV[3] .. replica) ~= incarnation then
      redis.call('SET', key, owner, 'PX', ARGV[2])
    else
      table.insert(lost, key)
    end
  end
end
return lost
