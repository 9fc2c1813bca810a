package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import org.junit.jupiter.api.Test;

/** One branch per pull request from the command line: --on-exists, --keep while-pr-open and reap's closed pull requests. */
class PullRequestBranchCliTest {
    private static final String NOTES = "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = 'run_notes'";

    @Test
    void aPullRequestsRunsReuseResetAndFinallyReapItsBranch() {
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("pr");
        String[] pullRequest = {"--keep", "while-pr-open", "--pull-request", "pr:shop#7"};

        CliResult first = Cli.run(Cli.postgres(), concat(new String[] {"run", "--parent", parent, "--name", name, "--on-exists", "reuse"},
                pullRequest, "--", "true"));
        TestPostgres.execute(name, "CREATE TABLE run_notes (note text)");
        CliResult refused = Cli.run(Cli.postgres(), concat(new String[] {"run", "--parent", parent, "--name", name}, pullRequest,
                "--", "true"));
        CliResult reused = Cli.run(Cli.postgres(), concat(new String[] {"run", "--parent", parent, "--name", name, "--on-exists", "reuse"},
                pullRequest, "--", "true"));
        long notesAfterReuse = TestPostgres.queryLong(name, NOTES);
        CliResult reset = Cli.run(Cli.postgres(), concat(new String[] {"run", "--parent", parent, "--name", name, "--on-exists", "reset"},
                pullRequest, "--", "true"));

        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.err()).contains("kept branch " + name + " (keep: whilePrOpen)");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(5);
        assertThat(refused.err()).contains("a branch of that name exists already").contains("--on-exists");
        assertThat(reused.exit()).as(reused.toString()).isZero();
        assertThat(reused.err()).contains("reusing branch " + name);
        assertThat(notesAfterReuse).isEqualTo(1);
        assertThat(reset.exit()).as(reset.toString()).isZero();
        assertThat(TestPostgres.queryLong(name, NOTES)).isZero();

        CliResult stillOpen = Cli.run(Cli.postgres(), "reap", "--prefix", name, "--closed-pull-requests", "pr:shop#8");
        CliResult closed = Cli.run(Cli.postgres(), "reap", "--prefix", name, "--closed-pull-requests", "pr:shop#8,pr:shop#7");

        assertThat(stillOpen.out()).contains("kept while pull request pr:shop#7 is open");
        assertThat(TestProviders.databaseExists(name)).isFalse();
        assertThat(closed.out()).contains("its pull request pr:shop#7 is closed");
    }

    @Test
    void createReusesItsBranchOfTheSameNameWhenAsked() {
        String parent = TestProviders.parentWithEntities(1);
        String name = TestProviders.uniqueName("pr");

        CliResult created = Cli.run(Cli.postgres(), "create", name, "--parent", parent, "--pull-request", "pr:shop#9");
        CliResult refused = Cli.run(Cli.postgres(), "create", name, "--parent", parent);
        CliResult reused = Cli.run(Cli.postgres(), "create", name, "--parent", parent, "--on-exists", "reuse");

        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(5);
        assertThat(reused.exit()).as(reused.toString()).isZero();
        assertThat(reused.err()).contains("reused branch " + name);
        assertThat(Cli.run(Cli.postgres(), "delete", name).exit()).isZero();
    }

    @Test
    void keepingWhileAPullRequestIsOpenNeedsItsKey() {
        CliResult run = Cli.run(Cli.postgres(), "run", "--parent", "main", "--keep", "while-pr-open", "--", "true");

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("no pull request was named").contains("--pull-request");
    }

    private static String[] concat(String[] head, String[] middle, String... tail) {
        String[] all = new String[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }
}
