package io.jenkins.plugins.dbbranch.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.testing.PersonalData;
import io.dbbranch.engine.testing.TestPostgres;
import io.jenkins.plugins.dbbranch.actions.BranchRecord;
import io.jenkins.plugins.dbbranch.actions.DataRecord;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.testing.BuildFiles;
import io.jenkins.plugins.dbbranch.testing.Logs;
import io.jenkins.plugins.dbbranch.testing.MaskingFixtures;
import io.jenkins.plugins.dbbranch.testing.Pipelines;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** {@code withDbBranch(data: 'masked')}: the build works on masked rows, and nothing personal reaches Jenkins. */
@WithJenkins
class MaskedPipelineTest {

    @Test
    void theBodySeesMaskedRowsAndNoRealValueReachesTheConsoleOrAnyFileOfTheBuildOrJob(JenkinsRule r) throws Exception {
        TestDatabases.useLocalConnection();
        String parent = MaskingFixtures.personalParent();
        List<String> personal = MaskingFixtures.personalValues(parent);
        WorkflowJob job = Pipelines.create(r, "masked", """
                node {
                    %s
                    withDbBranch(parent: '%s', data: 'masked', masking: 'db/masking.yml') {
                        echo "realEmails=${branchQuery("select count(*) from customers where email like '%%@corp.example'")}"
                        echo "maskedEmails=${branchQuery("select count(*) from customers where email like '%%@example.invalid'")}"
                        echo "ordersJoined=${branchQuery('select count(*) from orders o join customers c on c.id = o.customer_id')}"
                        echo branchRows('select email, full_name, phone from customers order by id').join('\\n')
                    }
                }
                """.formatted(MaskingFixtures.writeRules(MaskingFixtures.RULES), parent));

        WorkflowRun build = r.buildAndAssertSuccess(job);

        assertThat(Logs.value(build, "realEmails")).isEqualTo("0");
        assertThat(Logs.value(build, "maskedEmails")).isEqualTo(String.valueOf(PersonalData.CUSTOMERS));
        assertThat(Logs.value(build, "ordersJoined")).isEqualTo(String.valueOf(PersonalData.ORDERS));
        String log = JenkinsRule.getLog(build);
        assertThat(log).as("the body printed the masked rows").containsPattern("user_[0-9a-f]{20}@example\\.invalid\\|[A-Z][a-z]+ [A-Z][a-z]+\\|\\*+0007")
                .contains("[dbbranch] masked " + PersonalData.CUSTOMERS + " rows of public.customers (5 columns) in ");
        assertThat(log.indexOf("[dbbranch] masked " + PersonalData.CUSTOMERS + " rows")).as("masked before the build's credential was minted")
                .isPositive().isLessThan(log.indexOf("valid until"));
        assertThat(personal).hasSize(2 * PersonalData.CUSTOMERS + PersonalData.CUSTOMERS + 120);
        assertThat(personal.stream().filter(log::contains).toList()).as("real values in the console").isEmpty();
        assertThat(BuildFiles.containingAny(build.getRootDir().toPath(), personal)).as("files of the build holding a real value").isEmpty();
        assertThat(BuildFiles.containingAny(job.getRootDir().toPath(), personal)).as("files of the job holding a real value").isEmpty();
        assertThat(TestPostgres.queryLong(parent, "select count(*) from customers where email like '%@corp.example'"))
                .as("the parent keeps its real values").isEqualTo(PersonalData.CUSTOMERS);

        DataRecord data = build.getAction(DbBranchAction.class).getData().get(0);
        BranchRecord branch = TestDatabases.onlyRecord(build);
        assertThat(data.getBranch()).isEqualTo(branch.getBranch());
        assertThat(data.getPolicy()).isEqualTo("masked");
        assertThat(data.getSummary()).startsWith("masked: 2 tables, 6 columns, 320 rows in ");
        DataRecord.TableRow customers = data.getTables().get(0);
        assertThat(customers.getTable()).isEqualTo("public.customers");
        assertThat(customers.getAction()).isEqualTo("masked");
        assertThat(customers.getRows()).isEqualTo(PersonalData.CUSTOMERS);
        assertThat(customers.getColumns()).extracting(DataRecord.MaskedColumn::getColumn, DataRecord.MaskedColumn::getStrategy)
                .contains(org.assertj.core.groups.Tuple.tuple("phone", "partial 4"));
        assertThat(branch.getTimings()).containsKey("data");
    }
}
