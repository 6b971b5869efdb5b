-- Keys that systems around the shop (POS, WMS, ERP) use for variants and locations, so they can send stock counts
-- and sales without storing our ids. Optional; unique where given.
ALTER TABLE product_variant ADD COLUMN external_ref TEXT UNIQUE CHECK (external_ref <> '');
ALTER TABLE location ADD COLUMN external_ref TEXT UNIQUE CHECK (external_ref <> '');

-- Bulk stock changes from a POS or WMS (inventorySetQuantities, inventoryAdjustQuantities) by idempotency key: the
-- hash of the request that claimed the key, and the answer it got, so a retry gets the same answer. The key is
-- claimed in the transaction that applies the changes, so a request that rolled back leaves no key behind.
CREATE TABLE stock_sync_request (
    idempotency_key  TEXT PRIMARY KEY,
    operation        TEXT NOT NULL CHECK (operation IN ('SET', 'ADJUST')),
    request_hash     TEXT NOT NULL,
    result           JSONB,
    actor            TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- POS is a channel: a POS with a staff token may create carts through it, and it counts in channel insights.
ALTER TABLE cart_activity DROP CONSTRAINT cart_activity_channel_check;
ALTER TABLE cart_activity ADD CONSTRAINT cart_activity_channel_check CHECK (channel IN ('WEB', 'MOBILE', 'KIOSK', 'STAFF', 'POS'));
