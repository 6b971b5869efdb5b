-- A pickup: a pickup or curbside shipment that is ready at its store, with the collection code the customer shows
-- at the counter, when it became ready, until when the store holds it, and what the till takes for the
-- pay-in-store orders in it. Closed when it is handed over, not collected in time, or cancelled.
CREATE TABLE pickup (
    shipment_id         BIGINT PRIMARY KEY REFERENCES shipment (id),
    location_id         BIGINT NOT NULL REFERENCES location (id),
    collection_code     TEXT NOT NULL,
    ready_at            TIMESTAMPTZ NOT NULL,
    collect_by          TIMESTAMPTZ NOT NULL,
    amount_due_minor    BIGINT NOT NULL CHECK (amount_due_minor >= 0),
    currency            CHAR(3) NOT NULL,
    closed_at           TIMESTAMPTZ,
    outcome             TEXT CHECK (outcome IN ('HANDED_OVER', 'NOT_COLLECTED', 'CANCELLED')),
    CHECK ((closed_at IS NULL) = (outcome IS NULL))
);
-- A code names one open pickup per store; closed pickups free their code.
CREATE UNIQUE INDEX pickup_open_code_idx ON pickup (location_id, collection_code) WHERE closed_at IS NULL;
CREATE INDEX pickup_open_collect_by_idx ON pickup (collect_by) WHERE closed_at IS NULL;
