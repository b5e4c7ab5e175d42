-- Gives names back, each only if the given owner still holds it (a newer claim is left alone).
-- KEYS     the names' lease keys
-- ARGV[i]  the owner "<replica> <incarnation> <token>" of KEYS[i]
-- Returns how many were released.
local released = 0
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[i] then
    redis.call('DEL', key)
    released = released + 1
  end
end
return released
