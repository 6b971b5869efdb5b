-- Preparation run (not a measured scenario): creates anonymous 3-line carts for the checkout scenario as fast as
-- the service allows and writes "<cart id> <cart token>" per created cart to checkout-carts.<thread>.txt in
-- BENCH_DATA_DIR. Variants come from checkout-variants.txt (global ids of variants with plenty of stock).
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  variants = gql.read_lines("checkout-variants.txt")
  out = assert(io.open(os.getenv("BENCH_DATA_DIR") .. "/checkout-carts." .. id .. ".txt", "w"))
  math.randomseed(id * 7919)
  headers = { ["Content-Type"] = "application/json" }
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
  return wrk.format("POST", "/graphql", headers, body)
end

function response(status, headers, body)
  local token = body:match('"cartToken":"([^"]+)"')
  local cart = body:match('"cart":{"id":"([^"]+)"')
  if token and cart then
    out:write(cart, " ", token, "\n")
    out:flush()
  end
end
