-- Stock level events for the outbox, written by the database in the transaction of every change of a level: stock
-- changes through many statements (adjustments, counts, reservations sent together with their COMMIT, releases,
-- goods leaving), and a trigger is the one place that sees all of them, at no extra round trip.
--   stock.level_changed: one undispatched event per level, updated in place with the latest quantities (coalesced
--                        until the dispatcher's window has passed).
--   stock.low:           when a level's available units fall to or below its threshold (the level's own, else the
--                        default of app.inventory.default-low-stock-threshold, 3).
CREATE FUNCTION opaque_id(kind TEXT, key TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE STRICT AS $$
    -- The same opaque ids as the API's (base64url of "Type:key", without padding).
    SELECT rtrim(translate(encode(convert_to(kind || ':' || key, 'UTF8'), 'base64'), E'+/\n', '-_'), '=')
$$;

CREATE FUNCTION stock_level_outbox_event() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    v_level_id  TEXT := opaque_id('StockLevel', NEW.variant_id || ':' || NEW.location_id);
    v_threshold INT := COALESCE(NEW.low_stock_threshold, 3);
    v_payload   JSONB := jsonb_build_object(
        'version', 1,
        'stockLevelId', v_level_id,
        'variantId', opaque_id('ProductVariant', NEW.variant_id::text),
        'locationId', opaque_id('Location', NEW.location_id::text),
        'onHand', NEW.on_hand,
        'reserved', NEW.reserved,
        'available', NEW.on_hand - NEW.reserved,
        'lowStockThreshold', v_threshold);
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.on_hand = NEW.on_hand AND OLD.reserved = NEW.reserved THEN
        RETURN NEW;
    END IF;
    UPDATE outbox_event SET payload = v_payload, occurred_at = clock_timestamp()
     WHERE coalesce_key = 'stock_level:' || v_level_id AND dispatched_at IS NULL;
    IF NOT FOUND THEN
        INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, payload, coalesce_key)
        VALUES ('stock_level', v_level_id, 'stock.level_changed', v_payload, 'stock_level:' || v_level_id);
    END IF;
    IF NEW.on_hand - NEW.reserved <= v_threshold
       AND (TG_OP = 'INSERT' OR OLD.on_hand - OLD.reserved > v_threshold) THEN
        INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, payload)
        VALUES ('stock_level', v_level_id, 'stock.low', v_payload);
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER stock_level_outbox_event AFTER INSERT OR UPDATE ON stock_level
    FOR EACH ROW EXECUTE FUNCTION stock_level_outbox_event();
