-- Add-to-cart: one more unit of a variant already in one of 64 carts of 10 lines, returning the updated cart
-- with live prices (each cart's own token).
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
gql.scenario{
  query = "mutation($id:ID!, $v:ID!){ cartLinesAdd(input:{ cartId:$id, lines:[{ variantId:$v, quantity:1 }] }){"
    .. " cart{ id version itemCount subtotal{ amount currencyCode } } userErrors{ code message } } }",
  data = "carts.txt",
  variables = function(line) local id, _, v = line:match("^(%S+) (%S+) (%S+)"); return { id = id, v = v } end,
  line_headers = function(line) local _, token = line:match("^(%S+) (%S+)"); return { ["X-Cart-Token"] = token } end,
}
