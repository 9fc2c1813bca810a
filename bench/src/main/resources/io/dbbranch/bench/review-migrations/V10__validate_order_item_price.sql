-- VALIDATE CONSTRAINT scans the table under SHARE UPDATE EXCLUSIVE: reads and writes go on.
ALTER TABLE order_items VALIDATE CONSTRAINT order_items_unit_price_check;
