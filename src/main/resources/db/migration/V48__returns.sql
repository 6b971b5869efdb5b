-- Returns of delivered or picked-up units, their receipt at a location and the refunds paid for them.
-- Money is stored as integer minor units.

-- Products that may not be returned (hygiene items, gift cards): staff set it per product.
ALTER TABLE product ADD COLUMN returnable BOOLEAN NOT NULL DEFAULT true;

CREATE TABLE return_request (
    id                  BIGSERIAL PRIMARY KEY,
    order_id            BIGINT NOT NULL REFERENCES customer_order (id),
    -- Copied from the order when the return is asked for, so returns read without the order's tables.
    order_number        TEXT NOT NULL,
    purchase_channel    TEXT NOT NULL,
    customer_id         TEXT,
    currency            CHAR(3) NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('REQUESTED', 'APPROVED', 'DECLINED', 'RECEIVED', 'CLOSED', 'CANCELED')),
    method              TEXT NOT NULL CHECK (method IN ('SHIP_BACK', 'DROP_OFF')),
    -- The store the customer means to bring it to (DROP_OFF); any store may still receive it.
    drop_off_location_id BIGINT REFERENCES location (id),
    -- The channel the return was asked for through, and the one it was received through.
    channel             TEXT NOT NULL,
    received_location_id BIGINT REFERENCES location (id),
    received_channel    TEXT,
    received_at         TIMESTAMPTZ,
    -- Fixed at receipt: what the received units were paid for, and the shipping share when it completes the order.
    goods_refund_minor  BIGINT NOT NULL DEFAULT 0 CHECK (goods_refund_minor >= 0),
    shipping_refund_minor BIGINT NOT NULL DEFAULT 0 CHECK (shipping_refund_minor >= 0),
    refunded_minor      BIGINT NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    -- Loyalty settled at receipt: earned points taken back (and the part of them forgiven because already spent),
    -- redeemed points given back.
    points_taken_back   BIGINT NOT NULL DEFAULT 0,
    points_forgiven     BIGINT NOT NULL DEFAULT 0,
    points_returned     BIGINT NOT NULL DEFAULT 0,
    -- Exchanges: the order line of the variant given instead, the new item's price minus what the returned units were
    -- paid (charged when positive, refunded when negative), and the part of the returned units' value that paid for
    -- the new item (not refunded).
    exchange_order_line_id BIGINT REFERENCES order_line (id),
    exchange_difference_minor BIGINT NOT NULL DEFAULT 0,
    exchange_settled_minor BIGINT NOT NULL DEFAULT 0 CHECK (exchange_settled_minor >= 0),
    actor               TEXT NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX return_request_order_idx ON return_request (order_id, id);
CREATE INDEX return_request_created_idx ON return_request (created_at DESC, id DESC);
CREATE INDEX return_request_customer_idx ON return_request (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX return_request_status_idx ON return_request (status, created_at DESC);

CREATE TABLE return_line (
    id                  BIGSERIAL PRIMARY KEY,
    return_id           BIGINT NOT NULL REFERENCES return_request (id),
    order_line_id       BIGINT NOT NULL REFERENCES order_line (id),
    variant_id          BIGINT NOT NULL,
    sku                 TEXT NOT NULL,
    quantity            INT NOT NULL CHECK (quantity > 0),
    reason              TEXT NOT NULL,
    received_quantity   INT CHECK (received_quantity >= 0 AND received_quantity <= quantity),
    disposition         TEXT CHECK (disposition IN ('RESTOCK', 'DAMAGED', 'INSPECT')),
    refund_minor        BIGINT NOT NULL DEFAULT 0 CHECK (refund_minor >= 0),
    UNIQUE (return_id, order_line_id)
);
CREATE INDEX return_line_order_line_idx ON return_line (order_line_id);

-- Every refund paid on a return. The idempotency key makes a retried refund the same refund.
CREATE TABLE return_refund (
    id                  BIGSERIAL PRIMARY KEY,
    return_id           BIGINT NOT NULL REFERENCES return_request (id),
    order_id            BIGINT NOT NULL REFERENCES customer_order (id),
    idempotency_key     TEXT NOT NULL UNIQUE,
    request_hash        TEXT NOT NULL,
    destination         TEXT NOT NULL CHECK (destination IN ('ORIGINAL_PAYMENT', 'STORE_CREDIT', 'CASH')),
    amount_minor        BIGINT NOT NULL CHECK (amount_minor > 0),
    currency            CHAR(3) NOT NULL,
    actor               TEXT NOT NULL,
    channel             TEXT NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX return_refund_return_idx ON return_refund (return_id, id);
CREATE INDEX return_refund_order_idx ON return_refund (order_id);

-- Loyalty: returns take back earned points and give back redeemed ones, as often as an order has returns.
ALTER TABLE loyalty_ledger_entry DROP CONSTRAINT loyalty_ledger_entry_kind_check;
ALTER TABLE loyalty_ledger_entry ADD CONSTRAINT loyalty_ledger_entry_kind_check
    CHECK (kind IN ('EARN', 'REDEEM', 'REVERSE', 'ADJUST', 'EXPIRE', 'RETURN'));
DROP INDEX loyalty_ledger_order_kind_unique;
CREATE UNIQUE INDEX loyalty_ledger_order_kind_unique ON loyalty_ledger_entry (order_id, kind)
    WHERE order_id IS NOT NULL AND kind <> 'RETURN';
-- Points of the order taken back by returns (while pending or after they were earned); an order earns points - returned_points.
ALTER TABLE loyalty_pending_earn ADD COLUMN returned_points BIGINT NOT NULL DEFAULT 0 CHECK (returned_points >= 0);
