package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.testing.TestHistory;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Point-in-time restores on the local provider with history (WAL archive and base backups). */
class RestoreCommandTest {
    private static final String COUNT = "SELECT count(*) FROM final_entities";

    @Test
    void restoreIntoARecoveryBranchAsItWasBeforeTheAccidentAndVerifyIt() {
        String source = TestHistory.databaseWithEntities(32);
        Instant beforeDeletion = Instant.now();
        TestHistory.execute(source, "DELETE FROM final_entities");
        String recovery = TestProviders.uniqueName("recovery");

        CliResult restored = Cli.run(Cli.archiving(), "restore", "--branch", source, "--at", beforeDeletion.toString(),
                "--into", recovery, "--verify", "SELECT count(*) FROM final_entities", "--expect", "32");

        assertThat(restored.exit()).as(restored.toString()).isZero();
        assertThat(restored.out()).containsPattern("(?m)^branch +" + recovery + "$")
                .containsPattern("(?m)^verified +SELECT count\\(\\*\\) FROM final_entities returned 32, expected = 32$")
                .containsPattern("(?m)^token +\\*\\*\\*\\* ").doesNotContain("eyJ");
        assertThat(Cli.query(Cli.run(Cli.archiving(), "credentials", recovery, "--json").json(), COUNT)).isEqualTo("32");
        assertThat(TestHistory.queryLong(source, "SELECT count(*) FROM final_entities")).isZero();
        assertThat(Cli.run(Cli.archiving(), "list", "--prefix", recovery, "--json").json().findValuesAsText("name"))
                .containsExactly(recovery);
        assertThat(Cli.run(Cli.archiving(), "delete", recovery).exit()).isZero();
    }

    @Test
    void aFailedVerificationExitsWith14AndLeavesNoRecoveryBranch() {
        String source = TestHistory.databaseWithEntities(3);
        Instant now = Instant.now();
        String recovery = TestProviders.uniqueName("unverified");

        CliResult restored = Cli.run(Cli.archiving(), "restore", "--branch", source, "--at", now.toString(), "--into", recovery,
                "--verify", "SELECT count(*) FROM final_entities", "--expect", "99");

        assertThat(restored.exit()).as(restored.toString()).isEqualTo(14);
        assertThat(restored.error()).contains("returned 3, expected = 99");
        assertThat(restored.out()).isEmpty();
        assertThat(Cli.run(Cli.archiving(), "list", "--prefix", recovery, "--json").json()).isEmpty();
    }

    @Test
    void badRestoreRequestsFailClearlyBeforeAnythingIsMade() {
        String source = TestProviders.parentWithEntities(1);

        CliResult noHistory = Cli.run(Cli.postgres(), "restore", "--branch", source, "--at", "1 minute ago");
        CliResult future = Cli.run(Cli.archiving(), "restore", "--branch", TestHistory.databaseWithEntities(1), "--at", "2999-01-01T00:00:00Z");
        CliResult expectAlone = Cli.run(Cli.archiving(), "restore", "--branch", "main", "--lsn", "0/1", "--expect", "3");
        CliResult nowhere = Cli.run(Cli.archiving(), "restore", "--branch", "main");
        CliResult unknownPoint = Cli.run(Cli.archiving(), "restore", "--branch", TestHistory.databaseWithEntities(1),
                "--restore-point", "no-such-point");

        assertThat(noHistory.exit()).isEqualTo(3);
        assertThat(noHistory.error()).contains("cannot branch from the past");
        assertThat(future.exit()).isEqualTo(3);
        assertThat(future.error()).contains("is in the future");
        assertThat(expectAlone.exit()).isEqualTo(3);
        assertThat(expectAlone.error()).contains("--expect needs a --verify query");
        assertThat(nowhere.exit()).isEqualTo(2);
        assertThat(nowhere.error()).contains("--at").contains("--lsn").contains("--restore-point");
        assertThat(unknownPoint.exit()).isEqualTo(4);
        assertThat(unknownPoint.error()).contains("None is recorded");
    }

    @Test
    void aBranchThatDoesNotExistIsNamedAsMissingWithTheOnesThatDo() {
        CliResult restored = Cli.run(Cli.archiving(), "restore", "--branch", "nope", "--at", "1 hour ago");

        assertThat(restored.exit()).as(restored.toString()).isEqualTo(4);
        assertThat(restored.error()).contains("there is no branch 'nope' on the local provider", "Existing branches: ")
                .doesNotContain("history window");
    }

    @Test
    void createBranchesFromThePastWhereTheProviderKeepsHistory() {
        String source = TestHistory.databaseWithEntities(5);
        Instant before = Instant.now();
        TestHistory.execute(source, "DELETE FROM final_entities WHERE id > 2");
        String branch = TestProviders.uniqueName("past");

        CliResult created = Cli.run(Cli.archiving(), "create", branch, "--parent", source, "--at", before.toString(), "--json");

        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.json().get("restorePoint").asText()).isNotEmpty();
        JsonNode login = Cli.run(Cli.archiving(), "credentials", branch, "--json").json();
        assertThat(Cli.query(login, COUNT)).isEqualTo("5");
        Cli.run(Cli.archiving(), "delete", branch);
    }
}
