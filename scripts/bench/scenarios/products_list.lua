-- Web catalog page: the first 20 products with price range and variants (price, network-wide availability).
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
gql.scenario{
  query = "query($first:Int){ products(first:$first){ edges { node { id name slug"
    .. " priceRange { minVariantPrice { amount currencyCode } }"
    .. " variants { id sku title price { amount currencyCode } availableToPromise } } } } }",
  variables = { first = 20 },
}
