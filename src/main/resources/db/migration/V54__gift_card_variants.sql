-- A variant can be a gift card: each unit bought issues a card worth the unit's price (credit/ issues it in the
-- order transaction).
ALTER TABLE product_variant ADD COLUMN gift_card BOOLEAN NOT NULL DEFAULT false;
