-- A constraint added NOT VALID (instant), then validated under SHARE UPDATE EXCLUSIVE.
ALTER TABLE order_items ADD CONSTRAINT order_items_unit_price_check CHECK (unit_price >= 0) NOT VALID;
ALTER TABLE order_items VALIDATE CONSTRAINT order_items_unit_price_check;
