-- Loyalty: one account per customer (the token subject), an append-only ledger, and pending points per order.

CREATE TABLE loyalty_account (
    customer_id         TEXT PRIMARY KEY,
    -- Cached sum of the ledger's points, updated in the same transaction as every ledger entry.
    balance             BIGINT NOT NULL DEFAULT 0 CHECK (balance >= 0),
    -- Cached sum of the PENDING rows of loyalty_pending_earn.
    pending             BIGINT NOT NULL DEFAULT 0 CHECK (pending >= 0),
    -- Last earn, redemption or adjustment; points expire after a period without any.
    last_activity_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX loyalty_account_activity_idx ON loyalty_account (last_activity_at) WHERE balance > 0;

CREATE TABLE loyalty_ledger_entry (
    id                  BIGSERIAL PRIMARY KEY,
    customer_id         TEXT NOT NULL REFERENCES loyalty_account (customer_id),
    kind                TEXT NOT NULL CHECK (kind IN ('EARN', 'REDEEM', 'REVERSE', 'ADJUST', 'EXPIRE')),
    -- Signed change of the available balance.
    points              BIGINT NOT NULL CHECK (points <> 0),
    reason              TEXT NOT NULL,
    order_id            BIGINT REFERENCES customer_order (id),
    order_number        TEXT,
    channel             TEXT,
    actor               TEXT NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX loyalty_ledger_customer_idx ON loyalty_ledger_entry (customer_id, id DESC);
-- Each order earns, redeems and is reversed at most once, whatever retries happen.
CREATE UNIQUE INDEX loyalty_ledger_order_kind_unique ON loyalty_ledger_entry (order_id, kind) WHERE order_id IS NOT NULL;

-- The ledger is append-only: corrections are new entries (ADJUST, REVERSE), never edits.
CREATE FUNCTION loyalty_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'loyalty_ledger_entry is append-only';
END;
$$;
CREATE TRIGGER loyalty_ledger_no_change BEFORE UPDATE OR DELETE ON loyalty_ledger_entry
    FOR EACH ROW EXECUTE FUNCTION loyalty_ledger_append_only();

-- Points an order will earn once it is delivered or picked up.
CREATE TABLE loyalty_pending_earn (
    order_id            BIGINT PRIMARY KEY REFERENCES customer_order (id),
    customer_id         TEXT NOT NULL REFERENCES loyalty_account (customer_id),
    points              BIGINT NOT NULL CHECK (points > 0),
    state               TEXT NOT NULL CHECK (state IN ('PENDING', 'EARNED', 'CANCELLED')),
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    settled_at          TIMESTAMPTZ
);
CREATE INDEX loyalty_pending_customer_idx ON loyalty_pending_earn (customer_id) WHERE state = 'PENDING';

-- Promotions: coupon codes (code not null) and automatic promotions (code null).

CREATE TABLE promotion (
    id                  BIGSERIAL PRIMARY KEY,
    name                TEXT NOT NULL,
    -- Stored upper-case; codes are matched case-insensitively.
    code                TEXT UNIQUE,
    kind                TEXT NOT NULL CHECK (kind IN ('PERCENTAGE', 'FIXED_AMOUNT', 'FREE_SHIPPING')),
    -- PERCENTAGE: percent off, 0 < p <= 100.
    percent_off         NUMERIC(5, 2) CHECK (percent_off > 0 AND percent_off <= 100),
    -- FIXED_AMOUNT: amount off the order (spread over the lines in scope).
    amount_off_minor    BIGINT CHECK (amount_off_minor > 0),
    min_subtotal_minor  BIGINT CHECK (min_subtotal_minor >= 0),
    -- Scope: empty arrays mean every product. A product is in scope when it or its category (or a parent) is listed.
    product_ids         BIGINT[] NOT NULL DEFAULT '{}',
    category_ids        BIGINT[] NOT NULL DEFAULT '{}',
    -- Empty means every tier / every channel.
    customer_tiers      TEXT[] NOT NULL DEFAULT '{}',
    channels            TEXT[] NOT NULL DEFAULT '{}',
    starts_at           TIMESTAMPTZ,
    ends_at             TIMESTAMPTZ,
    usage_limit         INT CHECK (usage_limit > 0),
    per_customer_limit  INT CHECK (per_customer_limit > 0),
    used_count          INT NOT NULL DEFAULT 0,
    paused              BOOLEAN NOT NULL DEFAULT false,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (usage_limit IS NULL OR used_count <= usage_limit),
    CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX promotion_automatic_idx ON promotion (id) WHERE code IS NULL AND NOT paused;

-- Each use of a promotion by an order (usage limits count these).
CREATE TABLE promotion_redemption (
    promotion_id        BIGINT NOT NULL REFERENCES promotion (id),
    order_id            BIGINT NOT NULL REFERENCES customer_order (id),
    customer_id         TEXT,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (promotion_id, order_id)
);
CREATE INDEX promotion_redemption_customer_idx ON promotion_redemption (promotion_id, customer_id);

-- Discounts frozen on an order at checkout: promotions and loyalty points.
CREATE TABLE order_discount (
    id                  BIGSERIAL PRIMARY KEY,
    order_id            BIGINT NOT NULL REFERENCES customer_order (id),
    position            INT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('PROMOTION', 'LOYALTY_POINTS')),
    promotion_id        BIGINT REFERENCES promotion (id),
    code                TEXT,
    description         TEXT NOT NULL,
    amount_minor        BIGINT NOT NULL CHECK (amount_minor >= 0),
    free_shipping       BOOLEAN NOT NULL DEFAULT false,
    UNIQUE (order_id, position)
);
