ALTER TABLE customers ADD COLUMN tier text NOT NULL DEFAULT 'standard'
    CHECK (tier IN ('standard', 'silver', 'gold', 'platinum'));
CREATE INDEX customers_active_tier_idx ON customers (tier) WHERE is_active;
