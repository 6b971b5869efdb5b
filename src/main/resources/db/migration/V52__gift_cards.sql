-- Gift cards: a balance behind a code. Only the code's SHA-256 is stored (looked up by it) and its last 4 characters
-- to show; the code itself is shown once, when the card is issued. The balance never goes below zero.

CREATE TABLE gift_card (
    id                  BIGSERIAL PRIMARY KEY,
    code_hash           TEXT NOT NULL UNIQUE,
    last4               CHAR(4) NOT NULL,
    currency            CHAR(3) NOT NULL,
    initial_minor       BIGINT NOT NULL CHECK (initial_minor > 0),
    balance_minor       BIGINT NOT NULL CHECK (balance_minor >= 0 AND balance_minor <= initial_minor),
    expires_at          TIMESTAMPTZ NOT NULL,
    note                TEXT,
    -- Who issued it (staff subject, or the buyer's order for a card sold as a product) and through which channel.
    issued_by           TEXT NOT NULL,
    channel             TEXT NOT NULL,
    order_id            BIGINT REFERENCES customer_order (id),
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every change of a card's balance: ISSUE (+), REDEEM (-, an order's tender), RESTORE (+, that order cancelled).
CREATE TABLE gift_card_transaction (
    id                  BIGSERIAL PRIMARY KEY,
    gift_card_id        BIGINT NOT NULL REFERENCES gift_card (id),
    kind                TEXT NOT NULL CHECK (kind IN ('ISSUE', 'REDEEM', 'RESTORE')),
    amount_minor        BIGINT NOT NULL CHECK (amount_minor <> 0),
    order_id            BIGINT REFERENCES customer_order (id),
    order_number        TEXT,
    actor               TEXT NOT NULL,
    channel             TEXT NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX gift_card_transaction_card_idx ON gift_card_transaction (gift_card_id, id);
-- An order redeems a card and is restored at most once, whatever retries happen.
CREATE UNIQUE INDEX gift_card_transaction_order_unique ON gift_card_transaction (order_id, gift_card_id, kind) WHERE order_id IS NOT NULL;
-- A customer's redemptions, for their data export and erasure.
CREATE INDEX gift_card_transaction_actor_idx ON gift_card_transaction (actor);
