-- A default makes this safe on existing rows (PostgreSQL 11+ stores it without rewriting the table).
ALTER TABLE customers ADD COLUMN tier text NOT NULL DEFAULT 'basic';
CREATE INDEX customers_tier_idx ON customers (tier);
