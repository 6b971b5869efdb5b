-- Structured opening hours, the store's time zone, the pickup promise and bookable pickup slots.
-- The free-text location.opening_hours stays for clients that still show it; the structured hours below are what
-- "open now", the pickup promise and the slots are computed from.

-- IANA zone the store's local hours are in (e.g. Europe/Berlin). Existing rows default to UTC until staff set it.
ALTER TABLE location ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
-- Minutes a pickup order needs before it can be collected; null: the configured default.
ALTER TABLE location ADD COLUMN pickup_preparation_minutes INT CHECK (pickup_preparation_minutes BETWEEN 0 AND 10080);
-- Bookable pickup slots: their length and how many orders each takes; no slots when the length is null.
ALTER TABLE location ADD COLUMN pickup_slot_minutes INT CHECK (pickup_slot_minutes BETWEEN 5 AND 480);
ALTER TABLE location ADD COLUMN pickup_slot_capacity INT CHECK (pickup_slot_capacity BETWEEN 1 AND 1000);
ALTER TABLE location ADD CONSTRAINT location_pickup_slots_complete
    CHECK ((pickup_slot_minutes IS NULL) = (pickup_slot_capacity IS NULL));

-- The regular week: any number of intervals a day (e.g. a lunch break). A closing time at or before the opening
-- time ends on the next day (overnight hours; 00:00-00:00 is the whole day).
CREATE TABLE location_opening_hours (
    location_id BIGINT NOT NULL REFERENCES location (id) ON DELETE CASCADE,
    -- ISO day of the week: 1 = Monday ... 7 = Sunday
    day_of_week SMALLINT NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    opens       TIME NOT NULL,
    closes      TIME NOT NULL,
    PRIMARY KEY (location_id, day_of_week, opens)
);

-- A day that differs from the week (a holiday, late opening, stocktaking): its one interval, or closed when
-- opens is null.
CREATE TABLE location_hours_exception (
    location_id BIGINT NOT NULL REFERENCES location (id) ON DELETE CASCADE,
    on_date     DATE NOT NULL,
    opens       TIME,
    closes      TIME,
    reason      TEXT,
    PRIMARY KEY (location_id, on_date),
    CHECK ((opens IS NULL) = (closes IS NULL))
);

-- One row per pickup slot that has bookings: the count checkout raises atomically while it is below the capacity.
CREATE TABLE pickup_slot (
    location_id BIGINT NOT NULL REFERENCES location (id),
    starts_at   TIMESTAMPTZ NOT NULL,
    booked      INT NOT NULL CHECK (booked >= 0),
    PRIMARY KEY (location_id, starts_at)
);

-- Which order booked which slot; deleted (and the count lowered) when the order is cancelled.
CREATE TABLE pickup_slot_booking (
    order_id    BIGINT PRIMARY KEY,
    location_id BIGINT NOT NULL,
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL,
    booked_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (location_id, starts_at) REFERENCES pickup_slot (location_id, starts_at)
);
CREATE INDEX pickup_slot_booking_slot ON pickup_slot_booking (location_id, starts_at);
