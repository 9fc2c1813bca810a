-- A new column with a default: since PostgreSQL 11 this stores the default once instead of rewriting the table,
-- so it is quick and holds its ACCESS EXCLUSIVE lock only for a moment. Existing rows read 'active'.
ALTER TABLE final_entities ADD COLUMN status text NOT NULL DEFAULT 'active';

-- NOT VALID skips checking the existing rows under that lock; VALIDATE checks them under a weaker lock
-- that lets reads and writes go on.
ALTER TABLE final_entities
    ADD CONSTRAINT final_entities_status_check CHECK (status IN ('active', 'archived')) NOT VALID;
ALTER TABLE final_entities VALIDATE CONSTRAINT final_entities_status_check;

CREATE INDEX final_entities_status_idx ON final_entities (status);
