-- Preparation run (not a measured scenario): creates anonymous 3-line carts for the checkout scenario as fast as
-- the service allows and writes "<cart id> <cart token>" per created cart to checkout-carts.<thread>.txt in
-- BENCH_DATA_DIR. Variants come from checkout-variants.txt (global ids of variants with plenty of stock).
-- With BENCH_CART_CUSTOMERS (a file of customer bearer tokens in BENCH_DATA_DIR) the carts belong to those
-- customers, rotated, and each line is "<cart id> <bearer token>"; BENCH_CART_OUT names the output files
-- (default checkout-carts).
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  variants = gql.read_lines("checkout-variants.txt")
  local prefix = os.getenv("BENCH_CART_OUT") or ""
  if prefix == "" then prefix = "checkout-carts" end
  out = assert(io.open(os.getenv("BENCH_DATA_DIR") .. "/" .. prefix .. "." .. id .. ".txt", "w"))
  math.randomseed(id * 7919)
  headers = { ["Content-Type"] = "application/json" }
  local customers_file = os.getenv("BENCH_CART_CUSTOMERS") or ""
  customers = customers_file ~= "" and gql.read_lines(customers_file) or nil
  query = "mutation($i: CartCreateInput){ cartCreate(input: $i){ cartToken cart { id } } }"
end

function request()
  local a = math.random(#variants)
  local b = (a + 1 + math.random(#variants - 2)) % #variants + 1
  local c = b % #variants + 1
  if c == a then c = c % #variants + 1 end
  local body = '{"query":' .. gql.json_string(query) .. ',"variables":{"i":{"lines":['
    .. '{"variantId":"' .. variants[a] .. '","quantity":1},'
    .. '{"variantId":"' .. variants[b] .. '","quantity":1},'
    .. '{"variantId":"' .. variants[c] .. '","quantity":1}]}}}'
  if customers then
    -- The alias names the customer, so the answer says whose cart it is whichever connection it comes back on.
    local k = math.random(#customers)
    local aliased = '{"query":' .. gql.json_string("mutation($i: CartCreateInput){ c" .. k .. ": cartCreate(input: $i){ cart { id } } }")
      .. body:sub(#('{"query":' .. gql.json_string(query)) + 1)
    return wrk.format("POST", "/graphql", { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. customers[k] }, aliased)
  end
  return wrk.format("POST", "/graphql", headers, body)
end

function response(status, headers, body)
  local cart, token
  if customers then
    local k
    k, cart = body:match('"c(%d+)":{"cart":{"id":"([^"]+)"')
    token = k and customers[tonumber(k)]
  else
    cart = body:match('"cart":{"id":"([^"]+)"')
    token = body:match('"cartToken":"([^"]+)"')
  end
  if token and cart then
    out:write(cart, " ", token, "\n")
    out:flush()
  end
end
