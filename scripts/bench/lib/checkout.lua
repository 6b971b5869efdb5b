-- Shared by the checkout scenarios: each request turns one cart made before the run into an order shipped to an
-- address and paid with a sandbox card. Every cart is used once: thread k of T takes carts offset+k, offset+k+T, ...
-- (BENCH_CART_OFFSET skips the carts earlier runs used). Any user error counts as an error of the run.
--   spec.carts        file in BENCH_DATA_DIR, one "<cart id> <credential>" per line
--   spec.headers      function(credential) -> headers that give access to the cart
--   spec.order_fields extra fields of the order to ask for
--   spec.extra_input  extra JSON members of the input (e.g. ',"loyaltyPoints":100')
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
local M = {}

local fulfilment = '{"type":"SHIP","address":{"firstName":"Bench","lastName":"Shopper","line1":"Hauptstr. 1",'
  .. '"city":"Berlin","postalCode":"10115","countryCode":"DE"}}'
local payment = '{"method":"CARD","card":{"number":"4242424242424242","expiryMonth":12,"expiryYear":2099,"cvc":"123"}}'

function M.scenario(spec)
  gql.scenario{ query = "{ __typename }" } -- setup/init bookkeeping and done(); request/response replaced below
  local base_init = init
  local query = "mutation($input: CheckoutCompleteInput!){ checkoutComplete(input: $input){"
    .. " order{ number status total{ amount } " .. (spec.order_fields or "") .. " shipments{ id location{ id } } }"
    .. " userErrors{ code message } } }"

  function init(args)
    base_init(args)
    carts = gql.read_lines(spec.carts)
    thread_count = tonumber(os.getenv("BENCH_THREADS") or "2")
    next_cart = tonumber(os.getenv("BENCH_CART_OFFSET") or "0") + (id or 1)
    run_tag = os.getenv("BENCH_RUN_TAG") or "run"
  end

  function request()
    if next_cart > #carts and not ran_out then
      -- A used cart's key would replay its order, which is far cheaper than a checkout: such a run is not valid.
      ran_out = true
      gql_errors = gql_errors + 1
      gql_error_sample = "ran out of carts after " .. #carts .. "; make more (BENCH_CHECKOUT_CART_SECONDS)"
    end
    local line = carts[((next_cart - 1) % #carts) + 1]
    next_cart = next_cart + thread_count
    local cart, credential = line:match("^(%S+) (%S+)")
    local body = '{"query":' .. gql.json_string(query) .. ',"variables":{"input":{"cartId":"' .. cart
      .. '","idempotencyKey":"bench-' .. run_tag .. '-' .. cart .. '","email":"bench@example.com","fulfilment":'
      .. fulfilment .. ',"payment":' .. payment .. (spec.extra_input or "") .. '}}}'
    local headers = spec.headers(credential)
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/graphql", headers, body)
  end

  function response(status, headers, body)
    if body and (body:find('"errors"', 1, true) or not body:find('"userErrors":[]', 1, true)) then
      gql_errors = gql_errors + 1
      if gql_error_sample == "" then gql_error_sample = body:sub(1, 600) end
    end
  end
end

return M
