-- order_cart_version_unique (V2) already indexes customer_order by cart_id first; the separate index added for
-- conversion joins (V5) only cost writes.
DROP INDEX IF EXISTS order_cart_idx;
