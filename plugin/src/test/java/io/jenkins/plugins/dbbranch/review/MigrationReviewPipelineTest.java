package io.jenkins.plugins.dbbranch.review;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.actions.ReviewRecord;
import io.jenkins.plugins.dbbranch.testing.Logs;
import io.jenkins.plugins.dbbranch.testing.Pipelines;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code withDbBranch(review: true)} and {@code migrateUpstream}'s reviewed rehearsal: the verdict sets the build's
 * result, the findings are on the build page and in the workspace, and a failing review never reaches a parent.
 */
@WithJenkins
class MigrationReviewPipelineTest {
    /** V1 makes a table of 2000 rows; V2 rewrites it (a type change); the policy calls a table big from 1000 bytes. */
    private static final String REWRITING_MIGRATIONS = """
            writeFile file: 'db/migration/V1__create_entities.sql', text: "CREATE TABLE entities (id int PRIMARY KEY, status text NOT NULL DEFAULT 'active'); INSERT INTO entities (id) SELECT g FROM generate_series(1, 2000) g;"
            writeFile file: 'db/migration/V2__widen_id.sql', text: "ALTER TABLE entities ALTER COLUMN id TYPE bigint;"
            writeFile file: '.dbbranch/review-policy', text: "bigTable.bytes: 1000\\n%s"
            """;
    private static final String SAFE_MIGRATIONS = """
            writeFile file: 'db/migration/V1__create_entities.sql', text: "CREATE TABLE entities (id int PRIMARY KEY); INSERT INTO entities (id) SELECT g FROM generate_series(1, 2000) g;"
            writeFile file: 'db/migration/V2__add_note.sql', text: "ALTER TABLE entities ADD COLUMN note text;"
            writeFile file: '.dbbranch/review-policy', text: "bigTable.bytes: 1000"
            """;

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
        TestDatabases.useLocalConnection();
    }

    @Test
    void aRewriteOfABigTableFailsTheBuildBeforeTheBodyAndShowsTheFindingOnTheBuildPage() throws Exception {
        String parent = TestDatabases.emptyParent();
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, Pipelines.create(r, "review-fail", """
                node {
                    %s
                    withDbBranch(parent: '%s', review: true) {
                        echo 'never runs'
                    }
                }
                """.formatted(REWRITING_MIGRATIONS.formatted(""), parent)));

        r.assertLogContains("Migration review of", build);
        r.assertLogContains("says FAIL", build);
        r.assertLogNotContains("never runs", build);
        ReviewRecord review = onlyReview(build);
        assertThat(review.getVerdict()).isEqualTo("FAIL");
        assertThat(review.getFindings()).anySatisfy(finding -> {
            assertThat(finding.getRule()).isEqualTo("rewrite");
            assertThat(finding.getRelation()).contains("entities");
        });
        HtmlPage page = r.createWebClient().getPage(build);
        assertThat(page.asNormalizedText()).contains("Migration review").contains("rewrite");
        assertThat(TestDatabases.onlyRecord(build).getStatus()).isEqualTo(BranchRecord.Status.DELETED);
        assertThat(r.jenkins.getWorkspaceFor(build.getParent()).child("dbbranch-review").list("*.md")).hasSize(1);
        assertThat(TestDatabases.entityTables(parent)).isZero();
    }

    @Test
    void aSafeMigrationPassesAndTheBodySeesTheVerdictAndTheReport() throws Exception {
        String parent = TestDatabases.emptyParent();
        WorkflowRun build = r.buildAndAssertSuccess(Pipelines.create(r, "review-pass", """
                node {
                    %s
                    withDbBranch(parent: '%s', review: true) {
                        echo "verdict=${env.DB_REVIEW_VERDICT}"
                        echo "report=${fileExists(env.DB_REVIEW_REPORT)}"
                    }
                }
                """.formatted(SAFE_MIGRATIONS, parent)));

        assertThat(Logs.value(build, "verdict")).isEqualTo("PASS");
        assertThat(Logs.value(build, "report")).isEqualTo("true");
        assertThat(onlyReview(build).getFindings()).isEmpty();
    }

    @Test
    void aWarningMakesTheBuildUnstableAndTheBodyRuns() throws Exception {
        String parent = TestDatabases.emptyParent();
        WorkflowRun build = r.buildAndAssertStatus(Result.UNSTABLE, Pipelines.create(r, "review-warn", """
                node {
                    %s
                    withDbBranch(parent: '%s', review: true) {
                        echo "verdict=${env.DB_REVIEW_VERDICT}"
                    }
                }
                """.formatted(REWRITING_MIGRATIONS.formatted("rewrite: warn\\nexclusiveLock: warn"), parent)));

        assertThat(Logs.value(build, "verdict")).isEqualTo("WARN");
        assertThat(onlyReview(build).getVerdict()).isEqualTo("WARN");
    }

    @Test
    void theConnectionsPolicyLiesUnderTheRepositorysFile() throws Exception {
        TestDatabases.useLocalConnection().setReviewPolicy("rewrite: warn\nexclusiveLock: warn\nbigTable.bytes: 1000");
        String parent = TestDatabases.emptyParent();
        WorkflowRun build = r.buildAndAssertStatus(Result.UNSTABLE, Pipelines.create(r, "review-connection", """
                node {
                    %s
                    withDbBranch(parent: '%s', review: true) {
                        echo "verdict=${env.DB_REVIEW_VERDICT}"
                    }
                }
                """.formatted(REWRITING_MIGRATIONS.formatted(""), parent)));

        assertThat(Logs.value(build, "verdict")).isEqualTo("WARN");
        r.assertLogContains("the policy of connection 'local' and the policy in .dbbranch/review-policy", build);
    }

    @Test
    void migrateUpstreamRefusesAParentWhoseRehearsalFailsReviewAndMigratesOnlyWhenTold() throws Exception {
        String parent = TestDatabases.emptyParent();
        r.buildAndAssertStatus(Result.FAILURE, Pipelines.create(r, "upstream-refused", """
                node {
                    %s
                    migrateUpstream(parent: '%s')
                }
                """.formatted(REWRITING_MIGRATIONS.formatted(""), parent)));
        assertThat(TestDatabases.entityTables(parent)).isZero();

        WorkflowRun forced = r.buildAndAssertSuccess(Pipelines.create(r, "upstream-forced", """
                node {
                    %s
                    def report = migrateUpstream(parent: '%s', migrateDespiteFailedReview: true)
                    echo "outcome=${report.outcome}"
                    echo "verdict=${report.review.verdict}"
                }
                """.formatted(REWRITING_MIGRATIONS.formatted(""), parent)));
        assertThat(Logs.value(forced, "outcome")).isEqualTo("MIGRATED");
        assertThat(Logs.value(forced, "verdict")).isEqualTo("FAIL");
        assertThat(onlyReview(forced).getStep()).isEqualTo("migrateUpstream");
        assertThat(TestDatabases.entityTables(parent)).isEqualTo(1);
    }

    private static ReviewRecord onlyReview(WorkflowRun build) {
        assertThat(build.getAction(DbBranchAction.class).getReviews()).hasSize(1);
        return build.getAction(DbBranchAction.class).getReviews().get(0);
    }
}
