-- A data migration: a nullable column, then a backfill. The report shows how many rows it touched
-- (32 on the demo's seed data). On a large table, backfill in batches instead of one UPDATE.
ALTER TABLE final_entities ADD COLUMN reviewed_at timestamptz;

UPDATE final_entities SET reviewed_at = created_at WHERE reviewed_at IS NULL;
