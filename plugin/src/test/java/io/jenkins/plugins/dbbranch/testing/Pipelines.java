package io.jenkins.plugins.dbbranch.testing;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;

/** Pipeline jobs for the tests: a sandboxed script under a name. */
public final class Pipelines {
    private Pipelines() {
    }

    /** A new Pipeline job {@code name} running {@code script} in the Groovy sandbox. */
    public static WorkflowJob create(JenkinsRule r, String name, String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }
}
