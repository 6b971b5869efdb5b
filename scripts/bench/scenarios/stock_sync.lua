-- Stock sync: inventorySetQuantities of 250 counts per request from a WMS (integration token), on levels of the
-- variants checkout carts are made of, while run.sh keeps checkouts running on the same levels in the background.
-- The levels file holds one or more sets of 250; consecutive requests take the next set.
-- Each request sets every level to its count at preparation plus 50 plus (request number mod 3), so the levels
-- stay well stocked for the checkouts and every request changes most of them (one ledger entry each). Every request
-- has an idempotency key of its own. Any user error other than BELOW_RESERVED counts as an error of the run.
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
gql.scenario{ query = "{ __typename }", auth = "integration-token.txt", headers = { ["X-Channel"] = "POS" } }

local query = "mutation($input: InventorySetQuantitiesInput!){ inventorySetQuantities(input: $input){ changedCount userErrors { code } } }"
local base_init = init

function init(args)
  base_init(args)
  levels = {}
  for _, line in ipairs(gql.read_lines("stock-sync-levels.txt")) do
    local variant, location, on_hand = line:match("^(%S+) (%S+) (%d+)$")
    levels[#levels + 1] = { variant = variant, location = location, on_hand = tonumber(on_hand) }
  end
  headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json", ["X-Channel"] = "POS",
              ["Authorization"] = "Bearer " .. gql.read_first_line("integration-token.txt") }
  run_tag = (os.getenv("BENCH_RUN_TAG") or "run") .. "-" .. tostring(os.time()) .. "-" .. tostring(id or 1)
end

function request()
  counter = counter + 1
  local items = {}
  local sets = math.floor(#levels / 250)
  local first = (counter % sets) * 250
  for i = 1, 250 do
    local l = levels[first + i]
    items[i] = '{"variant":{"id":"' .. l.variant .. '"},"location":{"id":"' .. l.location .. '"},"quantity":'
      .. (l.on_hand + 50 + counter % 3) .. '}'
  end
  local body = '{"query":' .. gql.json_string(query) .. ',"variables":{"input":{"reason":"Load benchmark count",'
    .. '"referenceDocumentUri":"bench://stock-sync","idempotencyKey":"bench-sync-' .. run_tag .. '-' .. counter .. '",'
    .. '"quantities":[' .. table.concat(items, ",") .. ']}}}'
  return wrk.format("POST", "/graphql", headers, body)
end

local base_response = response
function response(status, response_headers, body)
  base_response(status, response_headers, body)
  if body and body:find('"code"', 1, true) and body:gsub('"code":"BELOW_RESERVED"', ""):find('"code"', 1, true) then
    gql_errors = gql_errors + 1
    if gql_error_sample == "" then gql_error_sample = body:sub(1, 600) end
  end
end
