-- What store credit and gift cards paid of an order at checkout; the payment method (card, or the till for pay in
-- store) takes the total less this. Orders placed before tenders existed paid nothing this way.
ALTER TABLE customer_order ADD COLUMN tendered_minor BIGINT NOT NULL DEFAULT 0;
ALTER TABLE customer_order ADD CONSTRAINT customer_order_tendered_within_total CHECK (tendered_minor >= 0 AND tendered_minor <= total_minor);
