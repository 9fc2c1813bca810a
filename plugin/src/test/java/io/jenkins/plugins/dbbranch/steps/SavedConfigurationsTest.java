package io.jenkins.plugins.dbbranch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.AbstractItem;
import hudson.model.FreeStyleProject;
import hudson.model.TopLevelItem;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import io.jenkins.plugins.dbbranch.config.LocalConnection;
import io.jenkins.plugins.dbbranch.wrapper.DbBranchBuildWrapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The lease parameters are declared once for the steps and the wrapper, and what users wrote before that stays as it
 * was: jobs saved by the 0.1 release (the fixtures were saved by it) load and save the same, and the Snippet
 * Generator writes the same Groovy.
 */
@WithJenkins
class SavedConfigurationsTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
    }

    @Test
    void aFreestyleJobSavedBeforeLoadsEveryFieldAndSavesTheSameXml() throws Exception {
        FreeStyleProject project = load("freestyle-config.xml", FreeStyleProject.class);
        DbBranchBuildWrapper wrapper = project.getBuildWrappersList().get(DbBranchBuildWrapper.class);

        assertThat(wrapper.request()).usingRecursiveComparison().isEqualTo(allFieldsSet().request());
        project.save();
        assertThat(savedXml(project)).isEqualTo(fixture("freestyle-config.xml"));
    }

    @Test
    void aFreestyleJobSavedBeforeSurvivesTheConfigurationForm() throws Exception {
        FreeStyleProject project = load("freestyle-config.xml", FreeStyleProject.class);
        DbBranchBuildWrapper before = project.getBuildWrappersList().get(DbBranchBuildWrapper.class);
        // The form offers configured connections only; a connection is only configured, never reached, here.
        DbBranchConfiguration.get().setConnections(List.of(new LocalConnection("orders-db")));

        r.configRoundtrip(project);

        DbBranchBuildWrapper after = project.getBuildWrappersList().get(DbBranchBuildWrapper.class);
        assertThat(after).isNotSameAs(before);
        r.assertEqualDataBoundBeans(before, after);
        // The form also fills in the project's own fields (description, canRoam); the wrapper's part is as it was.
        assertThat(wrapperPart(savedXml(project))).isEqualTo(wrapperPart(fixture("freestyle-config.xml")));
    }

    @Test
    void aWrapperSavedWithDefaultsStillWarnsAsUnstable() throws Exception {
        FreeStyleProject project = load("freestyle-defaults-config.xml", FreeStyleProject.class);

        assertThat(project.getBuildWrappersList().get(DbBranchBuildWrapper.class).isUnstableOnWarn()).isTrue();
        project.save();
        assertThat(savedXml(project)).isEqualTo(fixture("freestyle-defaults-config.xml"));
    }

    @Test
    void aPipelineJobSavedBeforeLoadsAndItsStepReadsTheSameArguments() throws Exception {
        WorkflowJob job = load("pipeline-config.xml", WorkflowJob.class);
        job.save();
        assertThat(savedXml(job)).isEqualTo(fixture("pipeline-config.xml"));
        assertThat(((CpsFlowDefinition) job.getDefinition()).getScript()).startsWith("withDbBranch(connection: 'orders-db'");

        WithDbBranchStep step = DescribableModel.of(WithDbBranchStep.class)
                .instantiate(Map.of("connection", "orders-db", "parent", "main", "ttl", "2h"));
        assertThat(Snippetizer.object2Groovy(step))
                .isEqualTo("withDbBranch(connection: 'orders-db', parent: 'main', ttl: '2h') {\n    // some block\n}");
    }

    @Test
    void theSnippetGeneratorWritesWhatItWroteBefore() throws Exception {
        assertThat(Snippetizer.object2Groovy(allFieldsSet())).isEqualTo("withDbBranch(connection: 'orders-db', envPrefix: 'ORDERS_', "
                + "expect: '42', keep: 'onFailure', locations: 'db/migration,db/seed', migrate: true, name: 'ci-orders', "
                + "parent: 'main', review: true, reviewPolicy: 'db/review.yaml', ttl: '2h', unstableOnWarn: false, "
                + "verify: 'select count(*) from customers') {\n    // some block\n}");
        assertThat(Snippetizer.object2Groovy(new WithDbBranchStep())).isEqualTo("withDbBranch {\n    // some block\n}");

        PitrRestoreStep restore = new PitrRestoreStep();
        restore.setConnection("orders-db");
        restore.setBranch("main");
        restore.setBeforeBuild(41);
        restore.setInto("restored");
        restore.setVerify("select 1");
        restore.setExpect("1");
        restore.setKeep("never");
        assertThat(Snippetizer.object2Groovy(restore)).isEqualTo("pitrRestore beforeBuild: 41, branch: 'main', "
                + "connection: 'orders-db', expect: '1', into: 'restored', keep: 'never', verify: 'select 1'");
    }

    @Test
    void theStepsAndTheWrapperTakeTheParametersTheyTookBefore() {
        // Since then: data, masking, keepData and allowUnmasked (issue 14) and onExists (issue 15), all optional, so old
        // scripts still read.
        String lease = "(allowUnmasked?: String, connection?: String, data?: String, envPrefix?: String, expect?: String, "
                + "keep?: String, keepData?: String, locations?: String, masking?: String, "
                + "migrate?: boolean, name?: String, onExists?: String, parent?: String, review?: boolean, reviewPolicy?: String, ttl?: String, "
                + "unstableOnWarn?: boolean, verify?: String)";
        assertThat(DescribableModel.of(WithDbBranchStep.class)).hasToString("WithDbBranchStep" + lease);
        assertThat(DescribableModel.of(DbBranchBuildWrapper.class)).hasToString("DbBranchBuildWrapper" + lease);
        assertThat(DescribableModel.of(PitrRestoreStep.class)).hasToString("PitrRestoreStep(beforeBuild?: int, branch?: String, "
                + "connection?: String, expect?: String, into?: String, keep?: String, lsn?: String, restorePoint?: String, "
                + "timestamp?: String, verify?: String)");
    }

    private static WithDbBranchStep allFieldsSet() {
        WithDbBranchStep step = new WithDbBranchStep();
        step.setConnection("orders-db");
        step.setParent("main");
        step.setName("ci-orders");
        step.setTtl("2h");
        step.setKeep("onFailure");
        step.setEnvPrefix("ORDERS_");
        step.setMigrate(true);
        step.setLocations("db/migration,db/seed");
        step.setVerify("select count(*) from customers");
        step.setExpect("42");
        step.setReview(true);
        step.setReviewPolicy("db/review.yaml");
        step.setUnstableOnWarn(false);
        return step;
    }

    private <T extends TopLevelItem> T load(String fixture, Class<T> type) throws Exception {
        try (InputStream xml = getClass().getResourceAsStream(getClass().getSimpleName() + "/" + fixture)) {
            return type.cast(r.jenkins.createProjectFromXML(fixture.replace(".xml", ""), xml));
        }
    }

    private String fixture(String name) throws Exception {
        try (InputStream xml = getClass().getResourceAsStream(getClass().getSimpleName() + "/" + name)) {
            return new String(xml.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String wrapperPart(String xml) {
        return xml.substring(xml.indexOf("<buildWrappers>"), xml.indexOf("</buildWrappers>"));
    }

    private static String savedXml(AbstractItem item) throws Exception {
        return Files.readString(item.getConfigFile().getFile().toPath());
    }
}
