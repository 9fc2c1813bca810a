package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CreateCommandTest {

    @Test
    void createPrintsTheBranchAsJsonAndItHoldsTheParentsRows() {
        String parent = TestProviders.parentWithEntities(7);
        String name = TestProviders.uniqueName("created");

        CliResult created = Cli.run(Cli.postgres(), "create", name, "--parent", parent, "--ttl", "2h", "--json");

        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.err()).as("quiet in JSON mode").isEmpty();
        JsonNode branch = created.json();
        assertThat(branch.get("name").asText()).isEqualTo(name);
        assertThat(branch.get("parent").asText()).isEqualTo(parent);
        assertThat(branch.get("owner").asText()).isEqualTo(TestProviders.OWNER);
        assertThat(branch.get("port").asInt()).isEqualTo(TestPostgres.cluster().start());
        assertThat(Instant.parse(branch.get("expiresAt").asText()))
                .isBetween(Instant.now().plus(Duration.ofMinutes(119)), Instant.now().plus(Duration.ofHours(2)));
        assertThat(TestPostgres.queryLong(name, "SELECT count(*) FROM final_entities")).isEqualTo(7);
    }

    @Test
    void humanOutputIsAKeyValueBlockWithProgressOnStderr() {
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("human");

        CliResult created = Cli.run(Cli.postgres(), "create", name, "--parent", parent);

        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.out()).containsPattern("(?m)^name +" + name + "$").containsPattern("(?m)^parent +" + parent + "$");
        assertThat(created.err()).contains("creating branch " + name + " of " + parent);
    }

    @Test
    void withoutParentCreatesAnEmptyRootClosedToPublicThatCanBeBranched() {
        String root = TestProviders.uniqueName("root");

        CliResult created = Cli.run(Cli.local(), "create", root, "--json");

        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.json().has("parent")).isFalse();
        assertThat(created.json().has("expiresAt")).as("a root never expires by default").isFalse();
        assertThat(TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + root
                + "' AND has_database_privilege('public', oid, 'CONNECT')")).as("PUBLIC may not connect").isZero();
        TestPostgres.execute(root, "CREATE TABLE items (id int)", "INSERT INTO items VALUES (1), (2)");

        String branch = TestProviders.uniqueName("of-root");
        assertThat(Cli.run(Cli.local(), "create", branch, "--parent", root).exit()).isZero();
        assertThat(TestPostgres.queryLong(branch, "SELECT count(*) FROM items")).isEqualTo(2);
    }

    @Test
    void branchingFromThePastIsRefusedWhereTheProviderCannotAndNothingIsLeft() {
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("past");

        CliResult refused = Cli.run(Cli.postgres(), "create", name, "--parent", parent, "--at", "2025-01-01T00:00:00Z");

        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.error())
                .startsWith("dbbranch: Create branch '" + name + "' of '" + parent + "' at 2025-01-01T00:00:00Z")
                .contains("cannot branch from the past");
        assertThat(TestProviders.databaseExists(name)).isFalse();
    }

    @Test
    void aTakenNameFailsWithItsOwnExitCode() {
        String parent = TestProviders.parentWithEntities(1);

        CliResult taken = Cli.run(Cli.postgres(), "create", parent, "--parent", parent);

        assertThat(taken.exit()).isEqualTo(5);
        assertThat(taken.error()).contains("exists already");
    }
}
