-- Applies one change to a cart atomically: access check, optional version check, the change, version bump,
-- TTL refresh and an event for subscribers, all in one round trip.
-- KEYS[1] cart key
-- ARGV[1] operation: add | update | remove | merge | fulfilment | coupon (set or clear the coupon code), take (remove the cart and return it, for
--         merging it into another) or checkout (remove the cart: it became an order; subscribers are told)
-- ARGV[2] expected version, or '' for none
-- ARGV[3] now (ISO-8601)
-- ARGV[4] channel of the caller
-- ARGV[5] caller's customer id, or ''
-- ARGV[6] SHA-256 of the caller's cart token, or ''
-- ARGV[7] '1' when the caller is staff
-- ARGV[8] operation payload (JSON)
-- ARGV[9] max quantity per line, ARGV[10] max lines, ARGV[11] events channel
local raw = redis.call('GET', KEYS[1])
if not raw then
  return {'ERR', 'CART_NOT_FOUND'}
end
local cart = cjson.decode(raw)
local owner_ok = (cart.customerId ~= '' and cart.customerId == ARGV[5])
    or (cart.tokenHash ~= '' and cart.tokenHash == ARGV[6])
    or ARGV[7] == '1'
if not owner_ok then
  return {'ERR', 'FORBIDDEN'}
end
if ARGV[1] == 'take' then
  redis.call('DEL', KEYS[1])
  return {'OK', raw}
end
if ARGV[1] == 'checkout' then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[11], cart.id .. ' ' .. (cart.version + 1))
  return {'OK', raw}
end
if ARGV[2] ~= '' and tonumber(ARGV[2]) ~= cart.version then
  return {'ERR', 'CART_VERSION_CONFLICT', tostring(cart.version)}
end

local op = ARGV[1]
local payload = cjson.decode(ARGV[8])
local max_quantity = tonumber(ARGV[9])
local max_lines = tonumber(ARGV[10])
local lines = {}
if type(cart.lines) == 'table' then
  for _, line in ipairs(cart.lines) do
    table.insert(lines, line)
  end
end

local function find_line(field, value)
  for index, line in ipairs(lines) do
    if line[field] == value then
      return line, index
    end
  end
  return nil, nil
end

if op == 'add' then
  for _, add in ipairs(payload.lines) do
    local line = find_line('variantId', add.variantId)
    if line then
      local quantity = line.quantity + add.quantity
      if quantity > max_quantity then
        return {'ERR', 'QUANTITY_LIMIT_EXCEEDED', add.variantId}
      end
      line.quantity = quantity
    else
      if #lines >= max_lines then
        return {'ERR', 'TOO_MANY_LINES'}
      end
      table.insert(lines, {id = add.lineId, variantId = add.variantId, quantity = add.quantity,
                           channel = ARGV[4], addedAt = ARGV[3]})
    end
  end
elseif op == 'update' then
  for _, change in ipairs(payload.lines) do
    local line, index = find_line('id', change.lineId)
    if not line then
      return {'ERR', 'LINE_NOT_FOUND', change.lineId}
    end
    if change.quantity == 0 then
      table.remove(lines, index)
    else
      line.quantity = change.quantity
    end
  end
elseif op == 'remove' then
  for _, line_id in ipairs(payload.lineIds) do
    local line, index = find_line('id', line_id)
    if not line then
      return {'ERR', 'LINE_NOT_FOUND', line_id}
    end
    table.remove(lines, index)
  end
elseif op == 'merge' then
  -- Lines from another cart (sign-in or hand-off): quantities summed and capped, lines beyond the limit dropped.
  for _, add in ipairs(payload.lines) do
    local line = find_line('variantId', add.variantId)
    if line then
      line.quantity = math.min(line.quantity + add.quantity, max_quantity)
    elseif #lines < max_lines then
      table.insert(lines, {id = add.id, variantId = add.variantId, quantity = math.min(add.quantity, max_quantity),
                           channel = add.channel, addedAt = add.addedAt})
    end
  end
  if type(payload.channels) == 'table' then
    for _, channel in ipairs(payload.channels) do
      local known = false
      for _, existing in ipairs(cart.channels) do
        if existing == channel then
          known = true
        end
      end
      if not known then
        table.insert(cart.channels, channel)
      end
    end
  end
elseif op == 'fulfilment' then
  cart.fulfilment = payload.fulfilment
elseif op == 'coupon' then
  -- A JSON null decodes as cjson.null: the coupon is removed.
  if payload.couponCode == nil or payload.couponCode == cjson.null then
    cart.couponCode = nil
  else
    cart.couponCode = payload.couponCode
  end
else
  return {'ERR', 'UNKNOWN_OPERATION'}
end

cart.lines = lines
local seen = false
local channels = {}
if type(cart.channels) == 'table' then
  for _, channel in ipairs(cart.channels) do
    table.insert(channels, channel)
    if channel == ARGV[4] then
      seen = true
    end
  end
end
if not seen then
  table.insert(channels, ARGV[4])
end
cart.channels = channels
cart.lastChannel = ARGV[4]
cart.version = cart.version + 1
cart.updatedAt = ARGV[3]
local encoded = cjson.encode(cart)
redis.call('SET', KEYS[1], encoded, 'EX', cart.ttlSeconds)
redis.call('PUBLISH', ARGV[11], cart.id .. ' ' .. cart.version)
return {'OK', encoded}
