-- A shopper's cart of 10 lines read with live prices, totals and availability (64 carts rotated, each with its
-- cart token).
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
gql.scenario{
  query = "query($id:ID!){ cart(id:$id){ id version itemCount subtotal{ amount currencyCode }"
    .. " lines{ id quantity unitPrice{ amount } subtotal{ amount } available warnings{ code } variant{ sku title } } } }",
  data = "carts.txt",
  variables = function(line) local id = line:match("^(%S+)"); return { id = id } end,
  line_headers = function(line) local _, token = line:match("^(%S+) (%S+)"); return { ["X-Cart-Token"] = token } end,
}
