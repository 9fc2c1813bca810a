package io.jenkins.plugins.dbbranch.data;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.dbbranch.engine.testing.TestPostgres;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.testing.MaskingFixtures;
import io.jenkins.plugins.dbbranch.testing.Pipelines;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What stops a masked build before its body: a personal column without a rule, a masking file that is not there. */
@WithJenkins
class PersonalColumnGuardTest {
    /** The scenario's rules without the phone's. */
    private static final String NO_PHONE_RULE = MaskingFixtures.RULES.replaceAll("(?m)^customers\\.phone:.*\\n", "");

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
        TestDatabases.useLocalConnection();
    }

    @Test
    void anUnruledPersonalColumnFailsTheBuildNamingItAndAllowUnmaskedLetsItThrough() throws Exception {
        String parent = MaskingFixtures.personalParent();
        String script = """
                node {
                    %s
                    withDbBranch(parent: '%s', data: 'masked', masking: 'db/masking.yml'%s) {
                        echo 'the body ran'
                    }
                }
                """;
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, Pipelines.create(r, "guarded",
                script.formatted(MaskingFixtures.writeRules(NO_PHONE_RULE), parent, "")));

        r.assertLogContains("1 column(s) look personal and have no masking rule: public.customers.phone (its name contains 'phone')", refused);
        r.assertLogNotContains("the body ran", refused);
        assertThat(refused.getAction(DbBranchAction.class)).as("no branch was handed to the build").isNull();
        assertThat(TestPostgres.queryLong("postgres", "select count(*) from pg_database where datname like 'ci-guarded-%'"))
                .as("the refused branch is deleted").isZero();

        WorkflowRun allowed = r.buildAndAssertSuccess(Pipelines.create(r, "allowed",
                script.formatted(MaskingFixtures.writeRules(NO_PHONE_RULE), parent, ", allowUnmasked: 'customers.phone'")));
        r.assertLogContains("the body ran", allowed);
    }

    @Test
    void aMissingMaskingFileFailsTheBuildNamingThePathBeforeAnyBranchIsMade() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, Pipelines.create(r, "nofile", """
                node {
                    withDbBranch(parent: 'main', data: 'masked', masking: 'db/nope.yml') {
                        echo 'the body ran'
                    }
                }
                """));

        r.assertLogContains("masking: there is no file 'db/nope.yml' in the workspace", build);
        assertThat(build.getAction(DbBranchAction.class)).as("no branch was made").isNull();
    }
}
