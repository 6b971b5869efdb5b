-- Orders from every channel, their lines (prices frozen at checkout), shipments and the order timeline.
-- Money is stored as integer minor units.

CREATE SEQUENCE order_number_seq START 100001;

CREATE TABLE customer_order (
    id                  BIGSERIAL PRIMARY KEY,
    number              TEXT NOT NULL UNIQUE,
    -- The token subject of a signed-in customer; null for guests.
    customer_id         TEXT,
    email               TEXT,
    source_channel      TEXT NOT NULL,
    -- Every channel the cart was touched from before checkout, in first-touch order.
    cart_channels       TEXT[] NOT NULL,
    cart_id             TEXT NOT NULL,
    cart_version        BIGINT NOT NULL,
    status              TEXT NOT NULL,
    fulfilment_type     TEXT NOT NULL CHECK (fulfilment_type IN ('SHIP', 'PICKUP', 'CURBSIDE')),
    pickup_location_id  BIGINT REFERENCES location (id),
    -- {"firstName","lastName","line1","line2","city","postalCode","region","countryCode","phone"}
    shipping_address    JSONB,
    curbside_note       TEXT,
    currency            CHAR(3) NOT NULL,
    prices_include_tax  BOOLEAN NOT NULL,
    subtotal_minor      BIGINT NOT NULL,
    discount_minor      BIGINT NOT NULL DEFAULT 0,
    shipping_minor      BIGINT NOT NULL,
    tax_minor           BIGINT NOT NULL,
    total_minor         BIGINT NOT NULL CHECK (total_minor >= 0),
    payment_method      TEXT NOT NULL,
    payment_status      TEXT NOT NULL,
    payment_reference   TEXT,
    card_last4          TEXT,
    -- Client-supplied key that makes placing the order idempotent, and a hash of the request it came with.
    idempotency_key     TEXT NOT NULL UNIQUE,
    request_hash        TEXT NOT NULL,
    placed_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- One cart version becomes at most one order, whatever keys concurrent checkouts use.
    CONSTRAINT order_cart_version_unique UNIQUE (cart_id, cart_version)
);
CREATE INDEX order_customer_idx ON customer_order (customer_id, placed_at DESC, id DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX order_placed_idx ON customer_order (placed_at DESC, id DESC);
CREATE INDEX order_status_idx ON customer_order (status, placed_at DESC);
CREATE INDEX order_email_idx ON customer_order (lower(email));

CREATE TABLE order_line (
    id                  BIGSERIAL PRIMARY KEY,
    order_id            BIGINT NOT NULL REFERENCES customer_order (id),
    position            INT NOT NULL,
    variant_id          BIGINT NOT NULL REFERENCES product_variant (id),
    sku                 TEXT NOT NULL,
    product_name        TEXT NOT NULL,
    variant_title       TEXT NOT NULL,
    quantity            INT NOT NULL CHECK (quantity > 0),
    unit_price_minor    BIGINT NOT NULL,
    discount_minor      BIGINT NOT NULL DEFAULT 0,
    tax_minor           BIGINT NOT NULL,
    total_minor         BIGINT NOT NULL,
    -- The channel the line was added to the cart from.
    channel             TEXT NOT NULL
);
CREATE INDEX order_line_order_idx ON order_line (order_id, position);
CREATE INDEX order_line_variant_idx ON order_line (variant_id);

-- A shipment ships (or hands over) units from one location. Lines of several orders of the same customer can
-- share one shipment after a merge, so shipments hang off order lines rather than off one order.
CREATE TABLE shipment (
    id                  BIGSERIAL PRIMARY KEY,
    location_id         BIGINT NOT NULL REFERENCES location (id),
    fulfilment_type     TEXT NOT NULL CHECK (fulfilment_type IN ('SHIP', 'PICKUP', 'CURBSIDE')),
    status              TEXT NOT NULL,
    carrier             TEXT,
    tracking_number     TEXT,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE shipment_line (
    shipment_id         BIGINT NOT NULL REFERENCES shipment (id),
    order_line_id       BIGINT NOT NULL REFERENCES order_line (id),
    quantity            INT NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (shipment_id, order_line_id)
);
CREATE INDEX shipment_line_order_line_idx ON shipment_line (order_line_id);

-- The timeline of an order: status changes and other events, with who, through which channel and when.
CREATE TABLE order_event (
    id                  BIGSERIAL PRIMARY KEY,
    order_id            BIGINT NOT NULL REFERENCES customer_order (id),
    kind                TEXT NOT NULL,
    from_status         TEXT,
    to_status           TEXT,
    actor               TEXT NOT NULL,
    channel             TEXT NOT NULL,
    note                TEXT,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX order_event_order_idx ON order_event (order_id, id);
