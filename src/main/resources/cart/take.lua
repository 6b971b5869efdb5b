-- Takes a cart out of Redis for merging into another, after the same access check as every change.
-- KEYS[1] cart key; ARGV[1] caller's customer id or ''; ARGV[2] SHA-256 of the caller's cart token or '';
-- ARGV[3] '1' for staff
local raw = redis.call('GET', KEYS[1])
if not raw then
  return {'ERR', 'CART_NOT_FOUND'}
end
local cart = cjson.decode(raw)
local owner_ok = (cart.customerId ~= '' and cart.customerId == ARGV[1])
    or (cart.tokenHash ~= '' and cart.tokenHash == ARGV[2])
    or ARGV[3] == '1'
if not owner_ok then
  return {'ERR', 'FORBIDDEN'}
end
redis.call('DEL', KEYS[1])
return {'OK', raw}
