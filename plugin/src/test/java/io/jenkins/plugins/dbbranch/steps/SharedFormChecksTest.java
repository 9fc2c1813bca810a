package io.jenkins.plugins.dbbranch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbbranch.wrapper.DbBranchBuildWrapper;
import java.net.URL;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The form checks written once ({@link BranchForm}, {@link LeaseForm}) answer on every descriptor that implements them:
 * Stapler finds the interfaces' default methods as web methods.
 */
@WithJenkins
class SharedFormChecksTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
    }

    @Test
    void withDbBranchAndTheWrapperRefuseTheSameWrongTimeToLive() throws Exception {
        for (Class<?> owner : new Class<?>[] {WithDbBranchStep.class, DbBranchBuildWrapper.class}) {
            assertThat(post(owner, "checkTtl?value=forever")).as(owner.getSimpleName()).contains("error").contains("forever");
            assertThat(post(owner, "checkTtl?value=2h")).as(owner.getSimpleName()).doesNotContain("error");
            assertThat(post(owner, "fillKeepItems")).as(owner.getSimpleName()).contains("onFailure");
        }
    }

    @Test
    void everyBranchStepChecksExpectTheSameWay() throws Exception {
        for (Class<?> owner : new Class<?>[] {WithDbBranchStep.class, DbBranchBuildWrapper.class, PitrRestoreStep.class}) {
            assertThat(post(owner, "checkExpect?value=at%20least%2030")).as(owner.getSimpleName()).contains("error");
            assertThat(post(owner, "checkExpect?value=32")).as(owner.getSimpleName()).doesNotContain("error");
            assertThat(post(owner, "fillConnectionItems")).as(owner.getSimpleName()).contains("the only one configured");
        }
    }

    private String post(Class<?> owner, String method) throws Exception {
        JenkinsRule.WebClient client = r.createWebClient();
        WebRequest request = new WebRequest(new URL(r.getURL(), "descriptorByName/" + owner.getName() + "/" + method), HttpMethod.POST);
        return client.getPage(client.addCrumb(request)).getWebResponse().getContentAsString();
    }
}
