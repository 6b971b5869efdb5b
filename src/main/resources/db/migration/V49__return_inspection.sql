-- Units received for INSPECT stay held on their line until staff restock them or write them off
-- (returnInspectionResolve); the check keeps a resolution from ever taking more than are still held.
ALTER TABLE return_line ADD COLUMN held_quantity INT NOT NULL DEFAULT 0;
UPDATE return_line SET held_quantity = received_quantity WHERE disposition = 'INSPECT' AND received_quantity IS NOT NULL;
ALTER TABLE return_line ADD CONSTRAINT return_line_held_quantity_check
    CHECK (held_quantity >= 0 AND held_quantity <= COALESCE(received_quantity, 0));
