package io.jenkins.plugins.dbbranch.manage;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import io.jenkins.plugins.dbbranch.config.LocalConnection;
import io.jenkins.plugins.dbbranch.config.PostgresConnection;
import io.jenkins.plugins.dbbranch.testing.Logs;
import io.jenkins.plugins.dbbranch.testing.Pipelines;
import io.jenkins.plugins.dbbranch.testing.TestCredentials;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.model.JenkinsLocationConfiguration;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class DatabaseBranchesPageTest {
    private static final String PAGE = "manage/database-branches";
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("developer"));
        TestDatabases.useLocalConnection();
    }

    @Test
    void aKeptBranchIsListedWithItsBuildAndAnAdministratorDeletesIt() throws Exception {
        // Without a configured Jenkins URL, a page (inside a request) and a build (outside) must see the same owner.
        JenkinsLocationConfiguration.get().setUrl(null);
        String branch = keptBranch("shop");
        JenkinsRule.WebClient admin = r.createWebClient().login("admin");

        HtmlPage page = admin.goTo(PAGE);
        String row = page.querySelector("tr[data-branch='" + branch + "']").asNormalizedText();
        assertThat(row).contains("shop #1").contains("kept on purpose by withDbBranch").contains("in ");
        assertThat(page.<DomNode>querySelector("tr[data-branch='" + branch + "'] a[href$='job/shop/1/']")).isNotNull();

        Page deleted = admin.getPage(deleteRequest(admin, "local", branch));

        assertThat(deleted.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(deleted.getWebResponse().getContentAsString()).contains("Deleted branch " + branch + " of local.");
        assertThat(TestDatabases.databaseExists(branch)).isFalse();
    }

    @Test
    void aUserWithoutPermissionCanNeitherSeeThePageNorDeleteABranch() throws Exception {
        String branch = keptBranch("api");
        JenkinsRule.WebClient developer = r.createWebClient().login("developer");
        developer.setThrowExceptionOnFailingStatusCode(false);

        assertThat(developer.goTo(PAGE).getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(developer.getPage(deleteRequest(developer, "local", branch)).getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(TestDatabases.databaseExists(branch)).isTrue();
    }

    @Test
    void aBranchDbbranchDidNotMakeIsNeitherOfferedNorDeleted() throws Exception {
        String parent = TestDatabases.parentWithEntities(1);
        JenkinsRule.WebClient admin = r.createWebClient().login("admin");

        HtmlPage page = admin.goTo(PAGE);
        assertThat(page.<DomNode>querySelector("tr[data-branch='" + parent + "']").asNormalizedText()).contains("not made by dbbranch");
        assertThat(page.<DomNode>querySelector("tr[data-branch='" + parent + "'] .confirmation-link")).isNull();
        Page refused = admin.getPage(deleteRequest(admin, "local", parent));

        assertThat(refused.getWebResponse().getContentAsString()).contains("Did not delete branch " + parent);
        assertThat(TestDatabases.databaseExists(parent)).isTrue();
    }

    @Test
    void anUnreachableConnectionShowsItsErrorInItsOwnSection() throws Exception {
        String branch = keptBranch("shop");
        TestCredentials.admin("pg-admin");
        PostgresConnection down = new PostgresConnection("down");
        down.setJdbcUrl("jdbc:postgresql://127.0.0.1:9/postgres?sslmode=disable&connectTimeout=2");
        down.setCredentialsId("pg-admin");
        LocalConnection local = (LocalConnection) DbBranchConfiguration.get().resolve("local");
        DbBranchConfiguration.get().setConnections(List.of(down, local));

        HtmlPage page = r.createWebClient().login("admin").goTo(PAGE);

        assertThat(page.<DomNode>querySelector("#dbbranch-connection-down .dbbranch-connection-error").asNormalizedText())
                .contains("Could not list the branches");
        assertThat(page.<DomNode>querySelector("#dbbranch-connection-local tr[data-branch='" + branch + "']")).isNotNull();
    }

    /** A branch kept by a finished build of a new Pipeline job {@code job}. */
    private String keptBranch(String job) throws Exception {
        String parent = TestDatabases.parentWithEntities(1);
        WorkflowRun build = r.buildAndAssertSuccess(Pipelines.create(r, job, """
                withDbBranch(parent: '%s', keep: 'always') {
                    echo "branch=${env.DB_BRANCH_NAME}"
                }
                """.formatted(parent)));
        String branch = Logs.value(build, "branch");
        assertThat(TestDatabases.databaseExists(branch)).isTrue();
        return branch;
    }

    private WebRequest deleteRequest(JenkinsRule.WebClient client, String connection, String branch) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), PAGE + "/deleteBranch?connection=" + connection + "&branch=" + branch),
                HttpMethod.POST);
        return client.addCrumb(request);
    }
}
