package io.jenkins.plugins.dbbranch.data;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import io.dbbranch.engine.testing.PersonalData;
import io.jenkins.plugins.dbbranch.actions.DataRecord;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.testing.MaskingFixtures;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import io.jenkins.plugins.dbbranch.wrapper.DbBranchBuildWrapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle wrapper with {@code data: masked}: the masking file from the job's workspace, the fields in its form. */
@WithJenkins
class MaskedFreestyleBuildTest {

    @Test
    void aFreestyleBuildGetsAMaskedBranchFromTheWorkspacesRulesAndTheFieldsSurviveTheForm(JenkinsRule r) throws Exception {
        TestDatabases.useLocalConnection();
        String parent = MaskingFixtures.personalParent();
        FreeStyleProject project = r.createFreeStyleProject("masked-freestyle");
        DbBranchBuildWrapper wrapper = new DbBranchBuildWrapper();
        wrapper.setParent(parent);
        wrapper.setData("masked");
        wrapper.setMasking("db/masking.yml");
        wrapper.setAllowUnmasked("customers.description");
        project.getBuildWrappersList().add(wrapper);
        r.configRoundtrip(project);
        r.assertEqualDataBoundBeans(wrapper, project.getBuildWrappersList().get(DbBranchBuildWrapper.class));
        r.jenkins.getWorkspaceFor(project).child("db/masking.yml").write(MaskingFixtures.RULES, StandardCharsets.UTF_8.name());

        FreeStyleBuild build = r.buildAndAssertSuccess(project);

        r.assertLogContains("[dbbranch] masked " + PersonalData.CUSTOMERS + " rows of public.customers (5 columns) in ", build);
        DataRecord data = build.getAction(DbBranchAction.class).getData().get(0);
        assertThat(data.getStep()).isEqualTo("wrapper");
        assertThat(data.getPolicy()).isEqualTo("masked");
        assertThat(data.getTables()).extracting(DataRecord.TableRow::getTable).containsExactly("public.customers", "public.newsletter");
    }
}
