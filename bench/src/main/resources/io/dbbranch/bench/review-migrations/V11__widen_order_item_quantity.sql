-- integer to bigint rewrites the whole table under ACCESS EXCLUSIVE: the change the review is there to catch.
ALTER TABLE order_items ALTER COLUMN quantity TYPE bigint;
