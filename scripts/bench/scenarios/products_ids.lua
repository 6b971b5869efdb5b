-- Smallest list page: 20 product ids (one SQL statement, ~60 fields). Shows the per-field engine cost.
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
gql.scenario{
  query = "{ products(first:20){ edges { node { id } } } }",
}
