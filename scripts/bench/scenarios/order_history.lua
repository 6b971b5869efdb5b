-- Order history: a signed-in customer's 10 most recent orders with lines, shipments and their locations.
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
gql.scenario{
  query = "{ myOrders(first: 10){ edges{ node{ number status placedAt total{ amount currencyCode }"
    .. " lines{ productName variantTitle quantity unitPrice{ amount } }"
    .. " shipments{ status fulfilmentType trackingNumber location{ name } } } } pageInfo{ hasNextPage } } }",
  auth = "customer-token.txt",
}
