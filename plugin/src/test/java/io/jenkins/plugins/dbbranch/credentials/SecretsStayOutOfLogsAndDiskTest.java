package io.jenkins.plugins.dbbranch.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.credentials.Secret;
import io.jenkins.plugins.dbbranch.testing.BranchQueryStep;
import io.jenkins.plugins.dbbranch.testing.BuildFiles;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class SecretsStayOutOfLogsAndDiskTest {

    @Test
    void theTokenItsUrlsAndTheirEncodingsNeverReachTheConsoleBuildXmlOrProgramDat(JenkinsRule r) throws Exception {
        TestDatabases.useLocalConnection();
        String parent = TestDatabases.parentWithEntities(1);
        WorkflowJob job = r.createProject(WorkflowJob.class, "leaky");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                    withDbBranch(parent: '%s') {
                        branchQuery('select 1')
                        sh '''
                            echo "password=$PGPASSWORD"
                            echo "url=$DATABASE_URL"
                            echo "jdbc=$JDBC_DATABASE_URL"
                            printf %%s "$PGPASSWORD" | base64 -w0; echo
                            echo "host=$PGHOST"
                        '''
                        echo 'waiting'
                        sleep 3
                    }
                }
                """.formatted(parent), true));

        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting", build);
        Thread.sleep(1000); // the program is saved while it sleeps
        String token = BranchQueryStep.lastPassword;
        assertThat(token).isNotBlank();
        List<String> forms = new ArrayList<>(Secret.of(token).maskForms());
        assertThat(build.getRootDir().toPath().resolve("program.dat")).as("the running Pipeline's saved state").exists();
        List<File> whileRunning = BuildFiles.containingAny(build.getRootDir().toPath(), forms);
        r.assertBuildStatusSuccess(r.waitForCompletion(build));

        String log = JenkinsRule.getLog(build);
        assertThat(log).contains("password=****", "url=****", "jdbc=****", "host=127.0.0.1");
        forms.forEach(form -> assertThat(log).doesNotContain(form));
        assertThat(whileRunning).as("files of the running build holding the token").isEmpty();
        assertThat(BuildFiles.containingAny(build.getRootDir().toPath(), forms)).as("files of the build holding the token").isEmpty();
        assertThat(BuildFiles.containingAny(job.getRootDir().toPath(), forms)).isEmpty();
    }
}
