package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import org.junit.jupiter.api.Test;

class DiffCommandTest {

    @Test
    void diffShowsTheBranchsSchemaChangesAndFlagsWhatCanLoseData() {
        String parent = TestProviders.parentWithEntities(3);
        String branch = TestProviders.uniqueName("changed");
        Cli.run(Cli.postgres(), "create", branch, "--parent", parent);
        TestPostgres.execute(branch, "ALTER TABLE final_entities DROP COLUMN kind", "ALTER TABLE final_entities ADD COLUMN note text");

        CliResult json = Cli.run(Cli.postgres(), "diff", branch, "--json");
        CliResult table = Cli.run(Cli.postgres(), "diff", branch);
        CliResult markdown = Cli.run(Cli.postgres(), "diff", branch, "--markdown");
        CliResult strict = Cli.run(Cli.postgres(), "diff", branch, "--fail-on-destructive");

        assertThat(json.exit()).as(json.toString()).isZero();
        JsonNode report = json.json();
        assertThat(report.get("parent").asText()).isEqualTo(parent);
        assertThat(report.get("canDropData").asBoolean()).isTrue();
        assertThat(report.get("changes").findValuesAsText("name"))
                .containsExactlyInAnyOrder("public.final_entities.kind", "public.final_entities.note");
        assertThat(table.out()).startsWith(branch + " compared with " + parent + ": 2 change(s), 1 DESTRUCTIVE")
                .containsPattern("!  dropped column +public.final_entities.kind");
        assertThat(markdown.out()).startsWith("### Schema changes: `" + branch + "` compared with `" + parent + "`");
        assertThat(strict.exit()).isEqualTo(14);
    }

    @Test
    void anUnchangedBranchHasNoChangesAndARootNeedsAParentNamed() {
        String parent = TestProviders.parentWithEntities(1);
        String branch = TestProviders.uniqueName("same");
        Cli.run(Cli.postgres(), "create", branch, "--parent", parent);
        String root = TestProviders.uniqueName("lonely");
        Cli.run(Cli.postgres(), "create", root);

        CliResult same = Cli.run(Cli.postgres(), "diff", branch, "--fail-on-destructive");
        CliResult orphan = Cli.run(Cli.postgres(), "diff", root);
        CliResult named = Cli.run(Cli.postgres(), "diff", root, "--parent", parent, "--json");

        assertThat(same.exit()).as(same.toString()).isZero();
        assertThat(same.out()).contains("no schema changes");
        assertThat(orphan.exit()).isEqualTo(3);
        assertThat(orphan.error()).contains("does not record its parent").contains("--parent");
        assertThat(named.exit()).as(named.toString()).isZero();
        assertThat(named.json().get("changes").findValuesAsText("name")).contains("public.final_entities");
    }
}
