-- The transactional outbox: every business event, written in the transaction of the change it describes, so an
-- event exists exactly when its change committed. Deliveries to webhook subscriptions are made from it
-- (webhook_delivery), once its coalescing window has passed (dispatched_at).
CREATE TABLE outbox_event (
    id              BIGSERIAL PRIMARY KEY,
    event_id        UUID NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    aggregate_type  TEXT NOT NULL,
    aggregate_id    TEXT NOT NULL,
    event_type      TEXT NOT NULL,
    payload         JSONB NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    -- Events with a coalescing key (e.g. one stock level's changes) are updated in place while undispatched, so a
    -- burst of changes becomes one event with the latest state.
    coalesce_key    TEXT,
    dispatch_after  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    -- The writing transaction: the same event written twice by one transaction is kept once.
    written_in_tx   BIGINT NOT NULL DEFAULT txid_current(),
    dispatched_at   TIMESTAMPTZ
);
CREATE INDEX outbox_event_undispatched_idx ON outbox_event (id) WHERE dispatched_at IS NULL;
CREATE UNIQUE INDEX outbox_event_coalescing_idx ON outbox_event (coalesce_key) WHERE dispatched_at IS NULL AND coalesce_key IS NOT NULL;
CREATE INDEX outbox_event_aggregate_idx ON outbox_event (aggregate_type, aggregate_id, id);

-- A receiver of events, managed by admins. The secret signs every delivery; it is never read back out.
CREATE TABLE webhook_subscription (
    id                    BIGSERIAL PRIMARY KEY,
    url                   TEXT NOT NULL,
    event_types           TEXT[] NOT NULL CHECK (cardinality(event_types) > 0),
    secret                TEXT NOT NULL,
    status                TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'PAUSED')),
    paused_reason         TEXT,
    paused_at             TIMESTAMPTZ,
    consecutive_failures  INT NOT NULL DEFAULT 0,
    created_by            TEXT NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One event to one subscription: sent at least once, in event order per subscription and aggregate.
CREATE TABLE webhook_delivery (
    id                  BIGSERIAL PRIMARY KEY,
    subscription_id     BIGINT NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    outbox_id           BIGINT NOT NULL REFERENCES outbox_event (id),
    -- Copied from the event, so that listing deliveries and keeping their order needs no other table.
    event_id            UUID NOT NULL,
    event_type          TEXT NOT NULL,
    aggregate_key       TEXT NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    status              TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts            INT NOT NULL DEFAULT 0,
    next_attempt_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- A claim by one instance: the delivery is its alone until then; an instance that dies leaves it to expire.
    locked_until        TIMESTAMPTZ,
    claim_token         UUID,
    last_attempt_at     TIMESTAMPTZ,
    last_response_code  INT,
    last_duration_ms    INT,
    last_error          TEXT,
    delivered_at        TIMESTAMPTZ,
    -- A delivery failing since longer than the maximum age is given up; a retry by staff starts the age anew.
    retry_since         TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (subscription_id, outbox_id)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at, outbox_id) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_order_idx ON webhook_delivery (subscription_id, aggregate_key, outbox_id) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_listing_idx ON webhook_delivery (subscription_id, id DESC);
