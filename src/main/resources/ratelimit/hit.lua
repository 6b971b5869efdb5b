-- One attempt of a rate-limited action: counts it in the current fixed window and returns
-- { attempts in this window, milliseconds until the window ends }.
-- KEYS[1] the counter; ARGV[1] the window in milliseconds.
local attempts = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if attempts == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { attempts, ttl }
