-- Gift cards sold as a product: one card per unit of an order line, its code derived from (line, unit) with a server
-- secret so the buyer can read it again; a card of a cancelled order that was never spent is voided (VOID takes
-- the balance to zero).
ALTER TABLE gift_card ADD COLUMN order_line_id BIGINT REFERENCES order_line (id);
ALTER TABLE gift_card ADD COLUMN unit_index INTEGER CHECK (unit_index >= 0);
ALTER TABLE gift_card ADD COLUMN voided_at TIMESTAMPTZ;
ALTER TABLE gift_card ADD CONSTRAINT gift_card_sold_unit CHECK ((order_line_id IS NULL) = (unit_index IS NULL));
-- One card per unit, whatever retries happen.
CREATE UNIQUE INDEX gift_card_order_line_unit_unique ON gift_card (order_line_id, unit_index) WHERE order_line_id IS NOT NULL;
-- The cards an order sold, for Order.giftCards and voiding.
CREATE INDEX gift_card_order_idx ON gift_card (order_id) WHERE order_id IS NOT NULL;

ALTER TABLE gift_card_transaction DROP CONSTRAINT gift_card_transaction_kind_check;
ALTER TABLE gift_card_transaction ADD CONSTRAINT gift_card_transaction_kind_check
    CHECK (kind IN ('ISSUE', 'REDEEM', 'RESTORE', 'VOID'));
