-- Catalog, locations (stores and warehouses), stock and the stock movement ledger.
-- Money is stored as integer minor units (cents); currency is ISO 4217.

CREATE TABLE category (
    id          BIGSERIAL PRIMARY KEY,
    parent_id   BIGINT REFERENCES category (id),
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    position    INT  NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX category_parent_idx ON category (parent_id);

CREATE TABLE product (
    id              BIGSERIAL PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    brand           TEXT,
    category_id     BIGINT REFERENCES category (id),
    status          TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DRAFT', 'ARCHIVED')),
    image_urls      TEXT[] NOT NULL DEFAULT '{}',
    currency        CHAR(3) NOT NULL DEFAULT 'EUR',
    -- Maintained by trigger from the active variants, so price filters and sorts need no join.
    min_price_minor BIGINT,
    max_price_minor BIGINT,
    search_vector   TSVECTOR GENERATED ALWAYS AS (
                        setweight(to_tsvector('english', coalesce(name, '')), 'A') ||
                        setweight(to_tsvector('english', coalesce(brand, '')), 'B') ||
                        setweight(to_tsvector('english', coalesce(description, '')), 'C')) STORED,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX product_category_idx ON product (category_id);
CREATE INDEX product_search_idx ON product USING GIN (search_vector);
CREATE INDEX product_min_price_idx ON product (min_price_minor, id);
CREATE INDEX product_created_idx ON product (created_at DESC, id DESC);
CREATE INDEX product_name_idx ON product (name, id);

CREATE TABLE product_variant (
    id                      BIGSERIAL PRIMARY KEY,
    product_id              BIGINT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    sku                     TEXT NOT NULL UNIQUE,
    barcode                 TEXT UNIQUE,
    title                   TEXT NOT NULL,
    -- [{"name":"Size","value":"M"},{"name":"Colour","value":"Red"}]
    options                 JSONB NOT NULL DEFAULT '[]',
    price_minor             BIGINT NOT NULL CHECK (price_minor >= 0),
    compare_at_price_minor  BIGINT CHECK (compare_at_price_minor >= 0),
    active                  BOOLEAN NOT NULL DEFAULT TRUE,
    position                INT NOT NULL DEFAULT 0,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX product_variant_product_idx ON product_variant (product_id, position, id);

CREATE FUNCTION refresh_product_price_range() RETURNS TRIGGER AS $$
DECLARE
    affected BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        affected := OLD.product_id;
    ELSE
        affected := NEW.product_id;
    END IF;
    UPDATE product p
       SET min_price_minor = agg.min_price, max_price_minor = agg.max_price
      FROM (SELECT min(price_minor) AS min_price, max(price_minor) AS max_price
              FROM product_variant WHERE product_id = affected AND active) agg
     WHERE p.id = affected;
    IF TG_OP = 'UPDATE' AND OLD.product_id <> NEW.product_id THEN
        UPDATE product p
           SET min_price_minor = agg.min_price, max_price_minor = agg.max_price
          FROM (SELECT min(price_minor) AS min_price, max(price_minor) AS max_price
                  FROM product_variant WHERE product_id = OLD.product_id AND active) agg
         WHERE p.id = OLD.product_id;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER product_variant_price_range
    AFTER INSERT OR UPDATE OF price_minor, active, product_id OR DELETE ON product_variant
    FOR EACH ROW EXECUTE FUNCTION refresh_product_price_range();

CREATE TABLE location (
    id              BIGSERIAL PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    type            TEXT NOT NULL CHECK (type IN ('STORE', 'WAREHOUSE')),
    address_line1   TEXT NOT NULL,
    address_line2   TEXT,
    city            TEXT NOT NULL,
    postal_code     TEXT NOT NULL,
    region          TEXT,
    country_code    CHAR(2) NOT NULL,
    latitude        DOUBLE PRECISION NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude       DOUBLE PRECISION NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    phone           TEXT,
    opening_hours   TEXT,
    -- Lower ships first when an order is allocated across warehouses.
    priority        INT NOT NULL DEFAULT 100,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE stock_level (
    variant_id          BIGINT NOT NULL REFERENCES product_variant (id) ON DELETE CASCADE,
    location_id         BIGINT NOT NULL REFERENCES location (id),
    on_hand             INT NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved            INT NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    low_stock_threshold INT CHECK (low_stock_threshold >= 0),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (variant_id, location_id),
    CONSTRAINT stock_reserved_within_on_hand CHECK (reserved <= on_hand)
);
CREATE INDEX stock_level_location_idx ON stock_level (location_id, variant_id);

-- Append-only ledger of every change to a stock level: who, when, through which channel, why.
CREATE TABLE stock_movement (
    id              BIGSERIAL PRIMARY KEY,
    variant_id      BIGINT NOT NULL REFERENCES product_variant (id) ON DELETE CASCADE,
    location_id     BIGINT NOT NULL REFERENCES location (id),
    kind            TEXT NOT NULL,
    quantity_delta  INT NOT NULL,
    on_hand_before  INT NOT NULL,
    on_hand_after   INT NOT NULL,
    reserved_before INT NOT NULL,
    reserved_after  INT NOT NULL,
    reason          TEXT,
    actor           TEXT NOT NULL,
    channel         TEXT NOT NULL,
    reference       TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX stock_movement_level_idx ON stock_movement (variant_id, location_id, id DESC);

CREATE TABLE kiosk_device (
    id              BIGSERIAL PRIMARY KEY,
    name            TEXT NOT NULL,
    location_id     BIGINT NOT NULL REFERENCES location (id),
    registered_by   TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at      TIMESTAMPTZ
);
