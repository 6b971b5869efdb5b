-- Customer accounts, sessions (refresh tokens), addresses, consents and cross-channel activity; staff accounts.
-- Customer ids are UUIDs and are the subject (sub) of the customer's tokens.

CREATE TABLE customer (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Stored trimmed and lower-cased: one account per address, whatever the case it is typed in.
    email               TEXT NOT NULL CHECK (email = lower(email)),
    password_hash       TEXT NOT NULL,
    first_name          TEXT NOT NULL,
    last_name           TEXT NOT NULL,
    phone               TEXT,
    language            TEXT NOT NULL DEFAULT 'en',
    preferred_store_id  BIGINT REFERENCES location (id),
    preferred_channel   TEXT CHECK (preferred_channel IN ('WEB', 'MOBILE', 'KIOSK', 'STAFF')),
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customer_email_idx ON customer (email);

-- Refresh tokens, stored as SHA-256 of the token. Each sign-in starts a family; every refresh marks the token
-- used and adds its successor to the family. Presenting a used token again revokes the whole family.
CREATE TABLE customer_refresh_token (
    id           BIGSERIAL PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    family_id    UUID NOT NULL,
    customer_id  UUID NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    channel      TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX customer_refresh_token_family_idx ON customer_refresh_token (family_id);
CREATE INDEX customer_refresh_token_customer_idx ON customer_refresh_token (customer_id);

CREATE TABLE customer_address (
    id                BIGSERIAL PRIMARY KEY,
    customer_id       UUID NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    first_name        TEXT NOT NULL,
    last_name         TEXT NOT NULL,
    company           TEXT,
    line1             TEXT NOT NULL,
    line2             TEXT,
    city              TEXT NOT NULL,
    postal_code       TEXT NOT NULL,
    region            TEXT,
    country_code      CHAR(2) NOT NULL,
    phone             TEXT,
    default_shipping  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX customer_address_customer_idx ON customer_address (customer_id, id);
-- At most one default shipping address per customer.
CREATE UNIQUE INDEX customer_address_default_idx ON customer_address (customer_id) WHERE default_shipping;

-- The current state of each consent, and every change to it (what, when, through which channel).
CREATE TABLE customer_consent (
    customer_id  UUID NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    purpose      TEXT NOT NULL CHECK (purpose IN ('EMAIL_MARKETING', 'SMS_MARKETING', 'PERSONALISATION')),
    granted      BOOLEAN NOT NULL,
    channel      TEXT NOT NULL,
    changed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, purpose)
);

CREATE TABLE customer_consent_history (
    id           BIGSERIAL PRIMARY KEY,
    customer_id  UUID NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    purpose      TEXT NOT NULL,
    granted      BOOLEAN NOT NULL,
    channel      TEXT NOT NULL,
    changed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX customer_consent_history_customer_idx ON customer_consent_history (customer_id, changed_at);

-- What customers do on every channel, written off the request path in batches.
CREATE TABLE customer_event (
    id           BIGSERIAL PRIMARY KEY,
    customer_id  UUID NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('PRODUCT_VIEWED', 'CART_UPDATED', 'ORDER_PLACED', 'STORE_VISIT', 'SIGNED_IN')),
    channel      TEXT NOT NULL,
    subject      TEXT,
    occurred_at  TIMESTAMPTZ NOT NULL,
    data         JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX customer_event_customer_idx ON customer_event (customer_id, occurred_at DESC, id DESC);
CREATE INDEX customer_event_occurred_idx ON customer_event (occurred_at);

-- Store staff who sign in with email and password (a retailer's identity provider may replace this).
CREATE TABLE staff_account (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email          TEXT NOT NULL CHECK (email = lower(email)),
    password_hash  TEXT NOT NULL,
    name           TEXT NOT NULL,
    roles          TEXT[] NOT NULL DEFAULT '{staff}',
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_account_email_idx ON staff_account (email);
