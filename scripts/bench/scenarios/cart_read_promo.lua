-- cart_read with promotions: the same 10-line carts (64 of them, each with its cart token), each holding the
-- coupon BENCH5 (5.00 off), read by the app (X-Channel: MOBILE) where the automatic "Bench app week" promotion
-- (10 % off, MOBILE only) applies too; the answer adds the discounts per line and in total and the points the
-- order would earn.
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
gql.scenario{
  query = "query($id:ID!){ cart(id:$id){ id version itemCount subtotal{ amount currencyCode }"
    .. " lines{ id quantity unitPrice{ amount } subtotal{ amount } available warnings{ code } variant{ sku title } }"
    .. " couponCode discounts{ total{ amount } subtotalAfterDiscounts{ amount } freeShipping"
    .. " applied{ code description amount{ amount } } lines{ cartLineId discount{ amount } } couponProblem{ code } }"
    .. " loyaltyPointsToEarn } }",
  data = "carts-promo.txt",
  variables = function(line) local id = line:match("^(%S+)"); return { id = id } end,
  line_headers = function(line) local _, token = line:match("^(%S+) (%S+)"); return { ["X-Cart-Token"] = token } end,
  headers = { ["X-Channel"] = "MOBILE" },
}
