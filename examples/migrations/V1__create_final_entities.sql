-- The demo's table. IF NOT EXISTS because the demo may create and seed it (32 rows) before Flyway first runs:
-- then migrate with baselineOnMigrate and baseline version 0, and this script is a harmless no-op.
CREATE TABLE IF NOT EXISTS final_entities (
    id         bigint      PRIMARY KEY,
    name       text        NOT NULL,
    kind       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
