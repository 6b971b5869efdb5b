-- Checkout with loyalty points: as the checkout scenario (fresh 3-line carts, shipped, sandbox card), but the carts
-- belong to 64 signed-in customers with large balances (made before the run) and every order redeems 100 points
-- (1.00 off) and records the points it will earn. Each cart is used once, as in checkout.lua.
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
gql.scenario{ query = "{ __typename }" } -- for setup/init bookkeeping and done(); request/response replaced below

local base_init = init
local query = "mutation($input: CheckoutCompleteInput!){ checkoutComplete(input: $input){"
  .. " order{ number status total{ amount } discountTotal{ amount } discounts{ kind amount{ amount } } shipments{ id location{ id } } }"
  .. " userErrors{ code message } } }"
local fulfilment = '{"type":"SHIP","address":{"firstName":"Bench","lastName":"Shopper","line1":"Hauptstr. 1",'
  .. '"city":"Berlin","postalCode":"10115","countryCode":"DE"}}'
local payment = '{"method":"CARD","card":{"number":"4242424242424242","expiryMonth":12,"expiryYear":2099,"cvc":"123"}}'

function init(args)
  base_init(args)
  carts = gql.read_lines("checkout-points-carts.txt")
  thread_count = tonumber(os.getenv("BENCH_THREADS") or "2")
  next_cart = tonumber(os.getenv("BENCH_CART_OFFSET") or "0") + (id or 1)
  run_tag = os.getenv("BENCH_RUN_TAG") or "run"
end

function request()
  local line = carts[((next_cart - 1) % #carts) + 1]
  next_cart = next_cart + thread_count
  local cart, bearer = line:match("^(%S+) (%S+)")
  local body = '{"query":' .. gql.json_string(query) .. ',"variables":{"input":{"cartId":"' .. cart
    .. '","idempotencyKey":"bench-' .. run_tag .. '-' .. cart .. '","email":"bench@example.com","fulfilment":'
    .. fulfilment .. ',"payment":' .. payment .. ',"loyaltyPoints":100}}}'
  return wrk.format("POST", "/graphql", { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. bearer }, body)
end

function response(status, headers, body)
  if body and (body:find('"errors"', 1, true) or not body:find('"userErrors":[]', 1, true)) then
    gql_errors = gql_errors + 1
    if gql_error_sample == "" then gql_error_sample = body:sub(1, 600) end
  end
end
