-- Alone in its migration, so that Flyway runs it outside a transaction: SHARE UPDATE EXCLUSIVE, writes go on.
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);
