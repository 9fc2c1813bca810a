-- Fine on an empty table; fails on any table with rows: they have no phone.
ALTER TABLE customers ADD COLUMN phone text NOT NULL;
