-- A ledger entry names two channels: the one the points belong to (an order's: points of a kiosk order picked up at
-- the counter are KIOSK points) and the one of whoever recorded the entry (the staff member at the counter: STAFF).
-- Until now one column held the latter, so existing entries get it as their actor's channel too.
ALTER TABLE loyalty_ledger_entry ADD COLUMN actor_channel TEXT;

ALTER TABLE loyalty_ledger_entry DISABLE TRIGGER loyalty_ledger_no_change;
UPDATE loyalty_ledger_entry SET actor_channel = channel;
ALTER TABLE loyalty_ledger_entry ENABLE TRIGGER loyalty_ledger_no_change;
