-- Channel insights and recommendations.

-- Every cart created, on every channel, anonymous ones too: the denominator of cart-to-order conversion.
-- Written off the request path (insights/CartActivityRecorder); carts themselves live only in Redis.
CREATE TABLE cart_activity (
    cart_id      TEXT PRIMARY KEY,
    channel      TEXT NOT NULL CHECK (channel IN ('WEB', 'MOBILE', 'KIOSK', 'STAFF')),
    -- The registered customer who created it; null for anonymous carts (and after the customer's erasure).
    customer_id  UUID REFERENCES customer (id) ON DELETE SET NULL,
    -- The kiosk's store for carts created at a kiosk.
    store_id     BIGINT REFERENCES location (id),
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX cart_activity_created_idx ON cart_activity (created_at, channel);
CREATE INDEX cart_activity_customer_idx ON cart_activity (customer_id) WHERE customer_id IS NOT NULL;

-- Conversion joins orders to the carts they came from.
CREATE INDEX order_cart_idx ON customer_order (cart_id);

-- Staff search customers by phone and name.
CREATE INDEX customer_phone_idx ON customer (phone) WHERE phone IS NOT NULL;
CREATE INDEX customer_name_idx ON customer (lower(last_name), lower(first_name));

-- Product views are recorded with the product's global id (base64url of 'Product:<key>'); recommendations
-- need the key. Anything that is not a product id gives null.
CREATE FUNCTION product_key_of(global_id TEXT) RETURNS BIGINT AS $$
DECLARE
    padded TEXT;
    raw TEXT;
BEGIN
    IF global_id IS NULL OR global_id !~ '^[A-Za-z0-9_-]{1,100}$' THEN
        RETURN NULL;
    END IF;
    padded := translate(global_id, '-_', '+/') || repeat('=', (4 - length(global_id) % 4) % 4);
    raw := convert_from(decode(padded, 'base64'), 'UTF8');
    IF raw !~ '^Product:[0-9]{1,18}$' THEN
        RETURN NULL;
    END IF;
    RETURN substr(raw, 9)::BIGINT;
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
END;
$$ LANGUAGE plpgsql IMMUTABLE;
CREATE INDEX customer_event_kind_idx ON customer_event (customer_id, kind, occurred_at DESC);
