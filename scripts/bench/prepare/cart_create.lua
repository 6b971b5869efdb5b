-- Preparation run (not a measured scenario): creates anonymous 3-line carts for the checkout scenario as fast as
-- the service allows and writes "<cart id> <cart token>" per created cart to checkout-carts.<thread>.txt in
-- BENCH_DATA_DIR. Variants come from checkout-variants.txt ("<global id> <units available>" per line); each thread
-- puts a variant into at most its share of the units (available / BENCH_STOCK_SHARES), so the carts of all threads
-- together never ask for more than there is. Once fewer than three variants have units left, the thread only asks
-- for __typename.
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
  local shares = tonumber(os.getenv("BENCH_STOCK_SHARES") or "") or 1
  variants, budget = {}, {}
  for _, line in ipairs(gql.read_lines("checkout-variants.txt")) do
    local variant, units = line:match("^(%S+)%s+(%d+)$")
    local share = math.floor(tonumber(units) / shares)
    if share > 0 then
      variants[#variants + 1] = variant
      budget[#budget + 1] = share
    end
  end
  local prefix = os.getenv("BENCH_CART_OUT") or ""
  if prefix == "" then prefix = "checkout-carts" end
  out = assert(io.open(os.getenv("BENCH_DATA_DIR") .. "/" .. prefix .. "." .. id .. ".txt", "w"))
  math.randomseed(id * 7919)
  headers = { ["Content-Type"] = "application/json" }
  local customers_file = os.getenv("BENCH_CART_CUSTOMERS") or ""
  customers = customers_file ~= "" and gql.read_lines(customers_file) or nil
  query = "mutation($i: CartCreateInput){ cartCreate(input: $i){ cartToken cart { id } } }"
end

-- Takes one unit of the variant at a random index of the list; a variant without units left leaves the list.
local function take(i)
  budget[i] = budget[i] - 1
  if budget[i] == 0 then
    variants[i], budget[i] = variants[#variants], budget[#budget]
    variants[#variants], budget[#budget] = nil, nil
  end
end

function request()
  if #variants < 3 then
    return wrk.format("POST", "/graphql", headers, '{"query":"{ __typename }"}')
  end
  -- Three distinct variants.
  local a, b, c = math.random(#variants)
  repeat b = math.random(#variants) until b ~= a
  repeat c = math.random(#variants) until c ~= a and c ~= b
  local picked = { variants[a], variants[b], variants[c] }
  -- Highest index first, so a variant leaving the list cannot move another picked one.
  local order = { a, b, c }
  table.sort(order, function(x, y) return x > y end)
  for _, i in ipairs(order) do take(i) end
  local body = '{"query":' .. gql.json_string(query) .. ',"variables":{"i":{"lines":['
    .. '{"variantId":"' .. picked[1] .. '","quantity":1},'
    .. '{"variantId":"' .. picked[2] .. '","quantity":1},'
    .. '{"variantId":"' .. picked[3] .. '","quantity":1}]}}}'
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
