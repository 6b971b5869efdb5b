-- In-store kiosk scan: a variant by barcode (rotating through ~100 demo barcodes) with availability at the
-- kiosk's own store and the 3 nearest stores, sent with a kiosk token bound to store "Berlin Mitte".
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
gql.scenario{
  query = "query($b:String!){ productVariant(barcode:$b){ id sku price{amount}"
    .. " availabilityHere{ available store{ name } } storeAvailability(first:3){ available distanceKm store{ name } } } }",
  data = "barcodes.txt",
  variables = function(barcode) return { b = barcode } end,
  auth = "kiosk-token.txt",
}
