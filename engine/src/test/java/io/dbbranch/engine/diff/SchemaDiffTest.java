package io.dbbranch.engine.diff;

import static io.dbbranch.engine.migration.MigrationFixtures.options;
import static io.dbbranch.engine.migration.MigrationFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.diff.SchemaChange.Kind;
import io.dbbranch.engine.diff.SchemaChange.ObjectType;
import io.dbbranch.engine.migration.MigrationFixtures;
import io.dbbranch.engine.migration.Migrator;
import io.dbbranch.engine.migration.RestorePointLog;
import io.dbbranch.engine.report.ReportJson;
import io.dbbranch.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

    @Test
    void droppedColumnIsFlaggedAsDestructive() throws SQLException {
        String parent = MigrationFixtures.seededParent("diff");
        String branch = MigrationFixtures.branchOf(parent);
        new Migrator(target(branch), options("base", "drop-column").build()).migrate();

        SchemaDiffReport report = compare(parent, branch);

        assertThat(report.canDropData()).isTrue();
        assertThat(report.changes()).filteredOn(SchemaChange::destructive).singleElement().satisfies(change -> {
            assertThat(change.object()).isEqualTo(ObjectType.COLUMN);
            assertThat(change.name()).isEqualTo("public.customers.name");
            assertThat(change.kind()).isEqualTo(Kind.DROPPED);
            assertThat(change.reason()).contains("drops the column");
        });
        assertThat(SchemaDiffMarkdown.render(report))
                .contains("**1 destructive** (can drop data)")
                .contains("| ⚠️ | dropped column | `public.customers.name` | text NOT NULL<br>**drops the column and every value in it** |");
        assertThat(ReportJson.write(report)).contains("\"canDropData\" : true", "\"destructiveCount\" : 1");
    }

    @Test
    void columnWithADefaultAndANewIndexAreSafe() throws SQLException {
        String parent = MigrationFixtures.seededParent("diff");
        String branch = MigrationFixtures.branchOf(parent);
        new Migrator(target(branch), options("base", "growth").build()).migrate();

        SchemaDiffReport report = compare(parent, branch);

        assertThat(report.canDropData()).isFalse();
        assertThat(report.changes()).extracting(SchemaChange::label, SchemaChange::name).contains(
                org.assertj.core.groups.Tuple.tuple("added column", "public.customers.tier"),
                org.assertj.core.groups.Tuple.tuple("added index", "public.customers_tier_idx"));
        assertThat(SchemaDiffMarkdown.render(report)).contains("none destructive");
    }

    @Test
    void notNullWithoutADefaultIsDestructiveOnlyWhereTheParentTableHasRows() throws SQLException {
        String[] addRequiredPhone = {"ALTER TABLE customers ADD COLUMN phone text",
            "UPDATE customers SET phone = '+1 555 0100'", "ALTER TABLE customers ALTER COLUMN phone SET NOT NULL"};
        String seeded = MigrationFixtures.seededParent("diff");
        String seededBranch = MigrationFixtures.branchOf(seeded);
        TestPostgres.execute(seededBranch, addRequiredPhone);
        String empty = MigrationFixtures.newDatabase("diff");
        new Migrator(target(empty), options("base").build()).migrate();
        String emptyBranch = MigrationFixtures.branchOf(empty);
        TestPostgres.execute(emptyBranch, addRequiredPhone);

        assertThat(compare(seeded, seededBranch).changes()).filteredOn(change -> change.name().equals("public.customers.phone"))
                .singleElement().satisfies(change -> {
                    assertThat(change.destructive()).isTrue();
                    assertThat(change.reason()).startsWith("adds a NOT NULL column without a default on a table that has rows");
                });
        assertThat(compare(empty, emptyBranch).canDropData()).isFalse();
    }

    @Test
    void narrowedTypeIsFlaggedAndWidenedTypeIsNot() throws SQLException {
        String parent = MigrationFixtures.seededParent("diff");
        TestPostgres.execute(parent, "CREATE TABLE notes (id int PRIMARY KEY, title varchar(100), body varchar(20))");
        String branch = MigrationFixtures.branchOf(parent);
        TestPostgres.execute(branch, "ALTER TABLE notes ALTER COLUMN title TYPE varchar(40)",
                "ALTER TABLE notes ALTER COLUMN body TYPE text", "ALTER TABLE notes ALTER COLUMN id TYPE bigint");

        SchemaDiffReport report = compare(parent, branch);

        assertThat(report.changes()).filteredOn(SchemaChange::destructive).singleElement().satisfies(change -> {
            assertThat(change.name()).isEqualTo("public.notes.title");
            assertThat(change.reason()).isEqualTo("narrows the type: longer or larger values are cut or rejected "
                    + "(character varying(100) → character varying(40))");
        });
        assertThat(report.changes()).extracting(SchemaChange::name).contains("public.notes.body", "public.notes.id");
    }

    @Test
    void viewsFunctionsSequencesEnumsAndConstraintsAreCompared() throws SQLException {
        String parent = MigrationFixtures.seededParent("diff");
        TestPostgres.execute(parent, "CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh')");
        String branch = MigrationFixtures.branchOf(parent);
        TestPostgres.execute(branch,
                "CREATE VIEW active_customers AS SELECT id, email FROM customers",
                "CREATE MATERIALIZED VIEW customer_count AS SELECT count(*) AS n FROM customers",
                "CREATE FUNCTION greeting(who text) RETURNS text LANGUAGE sql AS $$ SELECT 'hello ' || who $$",
                "CREATE SEQUENCE invoice_numbers START 1000",
                "ALTER TABLE customers ADD CONSTRAINT email_has_at CHECK (email LIKE '%@%')",
                "DROP TYPE mood", "CREATE TYPE mood AS ENUM ('happy', 'sad')");

        SchemaDiffReport report = compare(parent, branch);

        assertThat(report.changes()).extracting(SchemaChange::object, SchemaChange::name, SchemaChange::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ObjectType.VIEW, "public.active_customers", Kind.ADDED),
                org.assertj.core.groups.Tuple.tuple(ObjectType.MATERIALIZED_VIEW, "public.customer_count", Kind.ADDED),
                org.assertj.core.groups.Tuple.tuple(ObjectType.CONSTRAINT, "public.customers.email_has_at", Kind.ADDED),
                org.assertj.core.groups.Tuple.tuple(ObjectType.FUNCTION, "public.greeting(who text)", Kind.ADDED),
                org.assertj.core.groups.Tuple.tuple(ObjectType.SEQUENCE, "public.invoice_numbers", Kind.ADDED),
                org.assertj.core.groups.Tuple.tuple(ObjectType.ENUM, "public.mood", Kind.CHANGED));
        assertThat(report.changes()).filteredOn(change -> change.object() == ObjectType.ENUM).singleElement()
                .satisfies(change -> assertThat(change.reason()).startsWith("removes the values meh"));
    }

    @Test
    void sameSchemasGiveAnEmptyReportAndEveryComparisonPrintsTheSame() throws Exception {
        String parent = MigrationFixtures.seededParent("diff");
        String copy = MigrationFixtures.branchOf(parent);
        new RestorePointLog(target(copy)).create("ignored", "dbbranch's own schema is not part of the diff", "test");
        String changed = MigrationFixtures.branchOf(parent);
        new Migrator(target(changed), options("base", "growth", "drop-column").build()).migrate();

        assertThat(compare(parent, copy).isEmpty()).isTrue();
        assertThat(SchemaDiffMarkdown.render(compare(parent, copy))).endsWith("No schema changes.\n");
        SchemaDiffReport first = compare(parent, changed);
        SchemaDiffReport second = compare(parent, changed);
        assertThat(ReportJson.write(second)).isEqualTo(ReportJson.write(first));
        assertThat(SchemaDiffMarkdown.render(second)).isEqualTo(SchemaDiffMarkdown.render(first));
        assertThat(ReportJson.mapper().readValue(ReportJson.write(first), SchemaDiffReport.class)).isEqualTo(first);
    }

    @Test
    void theCallersConnectionsKeepTheirSearchPath() throws SQLException {
        String parent = MigrationFixtures.seededParent("diff");
        String branch = MigrationFixtures.branchOf(parent);
        try (Connection parentConnection = TestPostgres.cluster().connectAdmin(parent);
             Connection branchConnection = TestPostgres.cluster().connectAdmin(branch);
             Statement statement = branchConnection.createStatement()) {
            statement.execute("SET search_path = public, pg_catalog");

            SchemaDiff.between(parentConnection, "main", branchConnection, "ci-42");

            try (ResultSet row = statement.executeQuery("SELECT current_setting('search_path'), count(*) FROM customers")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("public, pg_catalog");
            }
        }
    }

    private static SchemaDiffReport compare(String parent, String branch) throws SQLException {
        try (Connection parentConnection = TestPostgres.cluster().connectAdmin(parent);
             Connection branchConnection = TestPostgres.cluster().connectAdmin(branch)) {
            return SchemaDiff.between(parentConnection, "main", branchConnection, "ci-42");
        }
    }
}
