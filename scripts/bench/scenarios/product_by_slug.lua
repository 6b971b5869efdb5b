-- Product page: a product by slug (rotating through ~100 demo slugs) with, per variant, the 5 nearest stores'
-- availability from a point in Berlin.
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
gql.scenario{
  query = "query($slug:String!){ product(slug:$slug){ id name variants { id sku price { amount }"
    .. " storeAvailability(first:5, near:{lat:52.52,lng:13.40}) { available distanceKm store { name } } } } }",
  data = "slugs.txt",
  variables = function(slug) return { slug = slug } end,
}
