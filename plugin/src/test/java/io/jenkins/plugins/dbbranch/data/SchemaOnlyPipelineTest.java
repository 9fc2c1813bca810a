package io.jenkins.plugins.dbbranch.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.testing.TestPostgres;
import io.jenkins.plugins.dbbranch.actions.DataRecord;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.testing.Logs;
import io.jenkins.plugins.dbbranch.testing.MaskingFixtures;
import io.jenkins.plugins.dbbranch.testing.Pipelines;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** {@code withDbBranch(data: 'schema-only', keepData: …)}: the parent's tables, empty but for the reference data. */
@WithJenkins
class SchemaOnlyPipelineTest {

    @Test
    void theBodyFindsNoRowsButThoseOfTheTablesToKeepAndNeedsNoWorkspace(JenkinsRule r) throws Exception {
        TestDatabases.useLocalConnection();
        String parent = MaskingFixtures.personalParent();
        WorkflowRun build = r.buildAndAssertSuccess(Pipelines.create(r, "schema", """
                withDbBranch(parent: '%s', data: 'schema-only', keepData: 'countries') {
                    echo "customers=${branchQuery('select count(*) from customers')}"
                    echo "orders=${branchQuery('select count(*) from orders')}"
                    echo "countries=${branchQuery('select count(*) from countries')}"
                }
                """.formatted(parent)));

        assertThat(Logs.value(build, "customers")).isEqualTo("0");
        assertThat(Logs.value(build, "orders")).isEqualTo("0");
        assertThat(Logs.value(build, "countries")).isEqualTo("3");
        assertThat(TestPostgres.queryLong(parent, "select count(*) from customers")).as("the parent keeps its rows").isEqualTo(200);
        DataRecord data = build.getAction(DbBranchAction.class).getData().get(0);
        assertThat(data.getPolicy()).isEqualTo("schema-only");
        assertThat(data.getTables()).extracting(DataRecord.TableRow::getTable, DataRecord.TableRow::getAction)
                .contains(org.assertj.core.groups.Tuple.tuple("public.customers", "emptied"),
                        org.assertj.core.groups.Tuple.tuple("public.countries", "kept"));
    }
}
