package io.jenkins.plugins.dbbranch.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbbranch.steps.WithDbBranchStep;
import io.jenkins.plugins.dbbranch.testing.FormEndpoints;
import io.jenkins.plugins.dbbranch.wrapper.DbBranchBuildWrapper;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The data fields' form checks, as {@code withDbBranch}'s and the wrapper's forms call them. */
@WithJenkins
class DataFormChecksTest {

    @Test
    void theFormRefusesAMisspeltPolicyAMaskedBranchWithoutRulesAFileOutsideTheWorkspaceAndListsOfTheWrongPolicy(JenkinsRule r)
            throws Exception {
        for (Class<?> owner : new Class<?>[] {WithDbBranchStep.class, DbBranchBuildWrapper.class}) {
            String as = owner.getSimpleName();
            assertThat(FormEndpoints.post(r, owner, "fillDataItems")).as(as).contains("schema-only", "masked");
            assertThat(FormEndpoints.post(r, owner, "checkData?value=anonymized")).as(as).contains("error", "anonymized");
            assertThat(FormEndpoints.post(r, owner, "checkData?value=schema-only")).as(as).doesNotContain("error");
            assertThat(FormEndpoints.post(r, owner, "checkMasking?value=&data=masked")).as(as).contains("error", "masking rules");
            assertThat(FormEndpoints.post(r, owner, "checkMasking?value=../shared/masking.yml&data=masked")).as(as).contains("error", "leaves the workspace");
            assertThat(FormEndpoints.post(r, owner, "checkMasking?value=db/masking.yml&data=")).as(as).contains("error", "applies to masked data");
            assertThat(FormEndpoints.post(r, owner, "checkMasking?value=db/masking.yml&data=masked")).as(as).doesNotContain("error");
            assertThat(FormEndpoints.post(r, owner, "checkKeepData?value=countries&data=masked")).as(as).contains("error", "schema-only");
            assertThat(FormEndpoints.post(r, owner, "checkKeepData?value=countries,%20sales.currencies&data=schema-only")).as(as).doesNotContain("error");
            assertThat(FormEndpoints.post(r, owner, "checkAllowUnmasked?value=products&data=masked")).as(as).contains("error", "two or three parts");
            assertThat(FormEndpoints.post(r, owner, "checkAllowUnmasked?value=products.name&data=masked")).as(as).doesNotContain("error");
        }
    }
}
