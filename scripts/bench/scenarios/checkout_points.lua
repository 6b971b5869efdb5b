-- Checkout with loyalty points: as the checkout scenario (fresh 3-line carts, shipped, sandbox card), but the carts
-- belong to 64 signed-in customers with large balances (made before the run) and every order redeems 100 points
-- (1.00 off) and records the points it will earn.
local checkout = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/checkout.lua")
checkout.scenario{
  carts = "checkout-points-carts.txt",
  headers = function(bearer) return { ["Authorization"] = "Bearer " .. bearer } end,
  order_fields = "discountTotal{ amount } discounts{ kind amount{ amount } }",
  extra_input = ',"loyaltyPoints":100',
}
