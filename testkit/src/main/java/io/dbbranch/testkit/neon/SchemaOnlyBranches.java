package io.dbbranch.testkit.neon;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.testkit.emulator.BackingPostgres;
import java.sql.SQLException;

/**
 * Neon's schema-only branches ({@code "init_source": "schema-only"} on create, in beta): the parent's schema and no
 * rows. The emulator copies the parent as for any branch and then empties every user table and resets every sequence,
 * as the superuser with user triggers off ({@code session_replication_role = replica}) and the search path pinned, so
 * nothing the parent's owner planted runs.
 */
final class SchemaOnlyBranches {
    private static final String EMPTY_ALL = """
            DO $empty$
            DECLARE tables text; r record;
            BEGIN
              SELECT pg_catalog.string_agg(c.oid::pg_catalog.regclass::text, ', ') INTO tables
              FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
                AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e');
              IF tables IS NOT NULL THEN EXECUTE 'TRUNCATE ' || tables; END IF;
              FOR r IN SELECT s.seqrelid, s.seqstart FROM pg_catalog.pg_sequence s LOOP
                PERFORM pg_catalog.setval(r.seqrelid, r.seqstart, false);
              END LOOP;
            END
            $empty$""";

    private SchemaOnlyBranches() {
    }

    /** Whether the create body asks for a schema-only branch; refuses unknown values and schema-only branches of the past. */
    static boolean requested(JsonNode branchSpec, boolean fromThePast) {
        String source = branchSpec.path("init_source").asText("parent-data");
        if (!source.equals("parent-data") && !source.equals("schema-only")) {
            throw NeonErrors.invalid("init_source must be parent-data or schema-only");
        }
        boolean schemaOnly = source.equals("schema-only");
        if (schemaOnly && fromThePast) {
            throw NeonErrors.invalid("schema-only branches are created from the parent's head");
        }
        return schemaOnly;
    }

    static void empty(BackingPostgres server, String database) throws SQLException {
        server.adminExecute(database, "SET search_path = pg_catalog, pg_temp", "SET session_replication_role = replica", EMPTY_ALL);
    }
}
