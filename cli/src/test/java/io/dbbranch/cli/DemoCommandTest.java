package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.testing.TestHistory;
import org.junit.jupiter.api.Test;

/**
 * The demo on the shared cluster with history, twice in a row: every step runs, and it cleans up after itself so it
 * can always be played again.
 */
class DemoCommandTest {

    @Test
    void theDemoPlaysTwiceInARowAndLeavesNothingBehind() {
        for (int round = 1; round <= 2; round++) {
            CliResult demo = Cli.run(Cli.archiving(), "demo");

            assertThat(demo.exit()).as("round " + round + ":\n" + demo).isZero();
            assertThat(demo.out()).contains("demo-main.final_entities: 32 rows")
                    .contains("demo-build-1 at 127.0.0.1:")
                    .contains("demo-build-1: schema version <none> → 3, 3 migrations applied")
                    .contains("demo-build-1: 24 rows, with a status column; demo-main: 32 rows, no status column")
                    .contains("demo-main: 0 rows (the last good moment was ")
                    .contains("demo-recovery: 32 rows; demo-main: 0 rows")
                    .contains("deleted 2 databases; the cluster keeps running")
                    .doesNotContain("skipped")
                    .containsPattern("(?m)^ +total +\\d+\\.\\d\\d s");
            assertThat(TestHistory.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE 'demo-%'")).isZero();
            assertThat(TestHistory.queryLong("postgres", "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'demo-%'")).isZero();
            assertThat(Cli.run(Cli.archiving(), "list", "--prefix", "demo-", "--json").json()).isEmpty();
        }
    }
}
