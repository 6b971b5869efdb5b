-- Erasing a customer (their right to be forgotten) keeps the loyalty ledger's figures but replaces the customer's
-- id by a random pseudonym ('erased:<uuid>') and their id as actor by 'erased-customer'. That is the only change the
-- append-only ledger ever accepts.
CREATE OR REPLACE FUNCTION loyalty_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.customer_id LIKE 'erased:%'
       AND (to_jsonb(NEW) - 'customer_id' - 'actor') = (to_jsonb(OLD) - 'customer_id' - 'actor')
       AND (NEW.actor = OLD.actor OR NEW.actor = 'erased-customer') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'loyalty_ledger_entry is append-only';
END;
$$;
