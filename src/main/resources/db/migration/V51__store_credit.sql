-- Store credit: one account per customer (the token subject) and an append-only ledger. The account's balance is
-- the cached sum of the ledger, moved in the same statement as each entry, and never below zero.

CREATE TABLE store_credit_account (
    customer_id         TEXT PRIMARY KEY,
    balance_minor       BIGINT NOT NULL DEFAULT 0 CHECK (balance_minor >= 0),
    currency            CHAR(3) NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE store_credit_entry (
    id                  BIGSERIAL PRIMARY KEY,
    customer_id         TEXT NOT NULL REFERENCES store_credit_account (customer_id),
    -- REFUND: a refund paid as credit; ADJUST: staff; SPEND: a checkout tender; RESTORE: the tender of a cancelled order.
    kind                TEXT NOT NULL CHECK (kind IN ('REFUND', 'ADJUST', 'SPEND', 'RESTORE')),
    -- Signed change of the balance.
    amount_minor        BIGINT NOT NULL CHECK (amount_minor <> 0),
    reason              TEXT NOT NULL,
    -- What the entry is for outside an order, e.g. a return's number; a refund is credited once per reference.
    reference           TEXT,
    order_id            BIGINT REFERENCES customer_order (id),
    order_number        TEXT,
    channel             TEXT,
    actor               TEXT NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX store_credit_entry_customer_idx ON store_credit_entry (customer_id, id DESC);
-- Each order spends and is restored at most once, and each refund reference is credited once, whatever retries happen.
CREATE UNIQUE INDEX store_credit_entry_order_kind_unique ON store_credit_entry (order_id, kind) WHERE order_id IS NOT NULL;
CREATE UNIQUE INDEX store_credit_entry_refund_reference_unique ON store_credit_entry (reference) WHERE kind = 'REFUND';

-- Append-only: corrections are new entries. The one change accepted is erasure moving an entry to a pseudonym
-- ('erased:<uuid>') and the customer's own actor name to 'erased-customer'.
CREATE FUNCTION store_credit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.customer_id LIKE 'erased:%'
       AND (to_jsonb(NEW) - 'customer_id' - 'actor') = (to_jsonb(OLD) - 'customer_id' - 'actor')
       AND (NEW.actor = OLD.actor OR NEW.actor = 'erased-customer') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'store_credit_entry is append-only';
END;
$$;
CREATE TRIGGER store_credit_entry_no_change BEFORE UPDATE OR DELETE ON store_credit_entry
    FOR EACH ROW EXECUTE FUNCTION store_credit_entry_append_only();
