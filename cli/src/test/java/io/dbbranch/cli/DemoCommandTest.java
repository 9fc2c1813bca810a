package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.testing.TestProviders;
import org.junit.jupiter.api.Test;

/** The demo on the shared cluster, twice in a row: it cleans up after itself and can always be played again. */
class DemoCommandTest {

    @Test
    void theDemoPlaysTwiceInARowAndLeavesNothingBehind() {
        for (int round = 1; round <= 2; round++) {
            CliResult demo = Cli.run(Cli.local(), "demo");

            assertThat(demo.exit()).as("round " + round + ":\n" + demo).isZero();
            assertThat(demo.out()).contains("demo-main.final_entities: 32 rows")
                    .contains("demo-build-1 at 127.0.0.1:")
                    .contains("demo-build-1: 24 rows; demo-main: 32 rows")
                    .contains("demo-main: 0 rows")
                    .contains("Summary").containsPattern("(?m)^ +total +\\d+\\.\\d\\d s");
            assertThat(demo.out()).as("the cluster was running: it stays").contains("the cluster keeps running");
            assertThat(TestProviders.databaseExists("demo-main")).isFalse();
            assertThat(TestProviders.databaseExists("demo-build-1")).isFalse();
            assertThat(TestProviders.roleExists("demo-main")).isFalse();
        }
    }
}
