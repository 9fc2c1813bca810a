package io.jenkins.plugins.dbbranch.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hudson.model.Result;
import io.jenkins.plugins.dbbranch.testing.HeadlessChromium;
import io.jenkins.plugins.dbbranch.testing.Pipelines;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import java.util.List;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The build page's "Database branches" fits a normal window: long branch names, a migration summary, a review with a
 * finding and a long teardown failure wrap instead of pushing the Teardown column out of view; durations carry units.
 */
@WithJenkins
class BuildPageFitsTheWindowTest {
    /** V2 rewrites a table the policy calls big: a review finding, whose rows are the widest of the page. */
    private static final String REVIEWED_MIGRATIONS = """
            writeFile file: 'db/migration/V1__create_customer_order_entities.sql', text: "CREATE TABLE entities (id int PRIMARY KEY); INSERT INTO entities (id) SELECT g FROM generate_series(1, 2000) g;"
            writeFile file: 'db/migration/V2__widen_customer_order_entity_identifiers.sql', text: "ALTER TABLE entities ALTER COLUMN id TYPE bigint;"
            writeFile file: '.dbbranch/review-policy', text: "bigTable.bytes: 1000"
            """;
    private static final String TEARDOWN_XPATH = "//table[@id='dbbranch-records']//th[normalize-space()='Teardown']";

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
        TestDatabases.useLocalConnection();
    }

    @Test
    void theBuildPageFitsA1400And1024PixelWindowWithTheTeardownColumnInView() throws Exception {
        assumeTrue(HeadlessChromium.isInstalled(),
                "needs /usr/bin/chromium and /usr/bin/chromedriver (Debian: chromium-driver); the markup test still runs");
        WorkflowRun build = buildWithLongValues();
        for (int width : List.of(1400, 1024)) {
            try (HeadlessChromium browser = HeadlessChromium.open(width, 1000)) {
                for (String page : List.of(build.getUrl(), build.getUrl() + "database-branches/")) {
                    browser.get(r.getURL() + page);
                    long viewport = browser.viewportWidth();
                    assertThat(viewport).as("viewport of %s", page).isEqualTo(width);
                    assertThat(browser.scrollWidth()).as("page width of %s at %d px", page, width).isLessThanOrEqualTo(viewport);
                    assertThat(browser.rightEdge(TEARDOWN_XPATH)).as("Teardown header of %s at %d px", page, width)
                            .isLessThanOrEqualTo(viewport);
                }
            }
        }
    }

    @Test
    void theBranchesTableUsesJenkinsTableStylesWithoutFixedWidthsAndEveryDurationHasAUnit() throws Exception {
        WorkflowRun build = buildWithLongValues();
        HtmlPage page = r.createWebClient().getPage(build, "database-branches");

        DomElement table = page.getElementById("dbbranch-records");
        assertThat(table.getAttribute("class").split(" ")).contains("jenkins-table", "jenkins-table--small");
        for (DomNode shown : List.<DomNode>of(table, page.querySelector(".dbbranch-findings"))) {
            assertThat(shown.<DomNode>getByXPath("descendant-or-self::*[@style or @width]")).isEmpty();
        }
        List<String> timings = page.querySelectorAll("#dbbranch-records .dbbranch-timing").stream()
                .map(DomNode::getTextContent).toList();
        assertThat(timings).isNotEmpty().allSatisfy(timing ->
                assertThat(timing).matches("[a-z]+ \\d+(\\.\\d)? (ms|sec|min|hr|days?)( \\d+ (sec|min|hr))?"));
        assertThat(timings).anySatisfy(timing -> assertThat(timing).startsWith("ready "));
        assertThat(page.querySelector(".dbbranch-detail").<DomElement>getParentNode().getTextContent())
                .contains("FAILED");
    }

    /**
     * A build of a job with a long name: a reviewed, migrated branch with a finding, a plain branch, and (written into
     * the record, as no real teardown is made to fail here) a branch left behind with a long message naming a JDBC URL.
     */
    private WorkflowRun buildWithLongValues() throws Exception {
        String reviewedParent = TestDatabases.emptyParent();
        String parent = TestDatabases.parentWithEntities(1);
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, Pipelines.create(r, "customer-orders-service-integration-tests", """
                node {
                    %s
                    catchError(buildResult: 'FAILURE') {
                        withDbBranch(parent: '%s', review: true) { echo 'reviewed' }
                    }
                    withDbBranch(parent: '%s') { echo 'plain' }
                }
                """.formatted(REVIEWED_MIGRATIONS, reviewedParent, parent)));
        DbBranchAction action = build.getAction(DbBranchAction.class);
        String branch = "ci-customer-orders-service-integration-tests-pr-12345-1-abcde";
        action.add(new BranchRecord("left", "withDbBranch", "local", branch, branch, parent));
        action.timing("left", "teardown", 125_000);
        action.status("left", BranchRecord.Status.LEFT_BEHIND, "Delete branch '" + branch + "': the server did not answer at "
                + "jdbc:postgresql://very-long-host-name.eu-west-1.compute.internal.example.com:5432/" + branch
                + "?sslmode=require&ApplicationName=dbbranch within 30 s; it may be left until its expiry passes and a reaper "
                + "deletes it. Check the network between the agent and the server, then delete it with dbbranch delete " + branch);
        return build;
    }
}
