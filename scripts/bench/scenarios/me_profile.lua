-- The account page of a signed-in customer (demo customer anna@demo.shop, token from signing in through the API):
-- profile, address book, consents and 5 recommendations (personal: she gave every consent).
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
gql.scenario{
  query = "{ me { id email firstName lastName phone language"
    .. " addresses{ id firstName lastName line1 city postalCode countryCode defaultShipping }"
    .. " consents{ purpose granted changedAt }"
    .. " recommendations(first: 5){ id slug name priceRange{ minVariantPrice{ amount currencyCode } } } } }",
  auth = "demo-customer-token.txt",
}
