-- Sign-in of the demo customer anna@demo.shop with her password: a bcrypt check (work factor 12, as in
-- production), a refresh-token row and a signed JWT per request. run.sh lifts the sign-in attempt limits for
-- this run, or every request after the tenth would be refused without checking the password.
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
gql.scenario{
  query = "mutation($i: CustomerSignInInput!){ customerSignIn(input: $i){ tokens{ accessToken refreshToken } userErrors{ code } } }",
  variables = { i = { email = "anna@demo.shop", password = "Anna-demo-2026" } },
}
