-- loyalty.points_changed for the outbox, written by the database with every ledger entry, in its transaction: entries
-- are appended by several statements (earn, redeem and reverse inside order transactions, adjustments, expiry), and
-- the trigger sees them all at no extra round trip. The payload carries the opaque ids, the entry and the balance
-- after it; no personal data.
CREATE FUNCTION loyalty_outbox_event() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    v_customer_id TEXT := opaque_id('Customer', NEW.customer_id);
BEGIN
    INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, payload)
    SELECT 'customer', v_customer_id, 'loyalty.points_changed', jsonb_build_object(
               'version', 1,
               'customerId', v_customer_id,
               'entryId', opaque_id('LoyaltyLedgerEntry', NEW.id::text),
               'kind', NEW.kind,
               'points', NEW.points,
               'balance', a.balance,
               'orderId', CASE WHEN NEW.order_id IS NULL THEN NULL ELSE opaque_id('Order', NEW.order_id::text) END,
               'orderNumber', NEW.order_number)
      FROM loyalty_account a WHERE a.customer_id = NEW.customer_id;
    RETURN NEW;
END
$$;

CREATE TRIGGER loyalty_outbox_event AFTER INSERT ON loyalty_ledger_entry
    FOR EACH ROW EXECUTE FUNCTION loyalty_outbox_event();
