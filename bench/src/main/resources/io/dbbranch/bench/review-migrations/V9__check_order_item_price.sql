-- A constraint added NOT VALID: instant, only new rows are checked. It is validated by the next migration, in a
-- transaction of its own: validated here, the scan would run under this statement's ACCESS EXCLUSIVE lock.
ALTER TABLE order_items ADD CONSTRAINT order_items_unit_price_check CHECK (unit_price >= 0) NOT VALID;
