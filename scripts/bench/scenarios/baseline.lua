-- Trivial baseline: { __typename }. Measures HTTP + GraphQL overhead with no data access (0 SQL expected).
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
gql.scenario{ query = "{ __typename }" }
