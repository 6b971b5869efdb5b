-- In-store kiosk scan: the kiosk app's registered ScanBarcode operation (kiosks may send only their app's
-- operations in production) for a variant by barcode (rotating through ~100 demo barcodes), with price,
-- availability at the kiosk's own store and the 3 nearest stores, sent with a kiosk token bound to "Berlin Mitte".
local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
local file = assert(io.open(os.getenv("BENCH_LUA_DIR") .. "/../../graphql-schema/operations/kiosk/ScanBarcode.graphql", "r"))
local operation = file:read("*a")
file:close()
gql.scenario{
  query = operation,
  data = "barcodes.txt",
  variables = function(barcode) return { barcode = barcode, nearbyStoreCount = 3 } end,
  auth = "kiosk-token.txt",
}
