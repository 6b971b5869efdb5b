-- The attempts of a rate-limited action counted so far in the current window, without counting one:
-- returns { attempts in this window (0 when none), milliseconds until the window ends (0 when none) }.
-- KEYS[1] the counter.
local attempts = tonumber(redis.call('GET', KEYS[1]) or '0')
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  ttl = 0
end
return { attempts, ttl }
