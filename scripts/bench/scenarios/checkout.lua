-- Checkout: each request turns one fresh 3-line anonymous cart (made before the run, see prepare/cart_create.lua)
-- into an order shipped to an address and paid with a sandbox card (see lib/checkout.lua). Any user error (e.g.
-- CART_NOT_FOUND when the carts run out, or INSUFFICIENT_STOCK) counts as an error of the run.
local checkout = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/checkout.lua")
checkout.scenario{
  carts = "checkout-carts.txt",
  headers = function(token) return { ["X-Cart-Token"] = token } end,
}
