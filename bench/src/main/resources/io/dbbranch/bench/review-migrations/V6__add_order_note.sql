-- A nullable column without a default: a catalog change, ACCESS EXCLUSIVE for a moment.
ALTER TABLE orders ADD COLUMN note text;
