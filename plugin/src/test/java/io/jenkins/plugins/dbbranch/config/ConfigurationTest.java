package io.jenkins.plugins.dbbranch.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.util.FormValidation;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.testing.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ConfigurationTest {

    @Test
    void everyKindOfConnectionSurvivesTheConfigurationPage(JenkinsRule r) throws Exception {
        LakebaseConnection lakebase = new LakebaseConnection("lakebase-prod");
        lakebase.setWorkspaceUrl("https://dbc-1234.cloud.databricks.com");
        lakebase.setProject("shop");
        lakebase.setParentBranch("staging");
        lakebase.setCredentialsId("lakebase-sp");
        lakebase.setPostgresRole("ci-runner");
        NeonConnection neon = new NeonConnection("neon-dev");
        neon.setProjectId("dry-sound-12345678");
        neon.setCredentialsId("neon-key");
        PostgresConnection postgres = new PostgresConnection("pg");
        postgres.setJdbcUrl("jdbc:postgresql://db.example.com:5432/postgres?sslmode=require");
        postgres.setCredentialsId("pg-admin");
        LocalConnection local = new LocalConnection("local");
        local.setPgVersion("18");
        List<DbConnection> before = List.of(lakebase, neon, postgres, local);
        DbBranchConfiguration.get().setConnections(before);

        r.configRoundtrip();

        List<DbConnection> after = DbBranchConfiguration.get().getConnections();
        assertThat(after).hasSize(4);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).isNotSameAs(before.get(i));
            r.assertEqualDataBoundBeans(before.get(i), after.get(i));
        }
        assertThat(DbBranchConfiguration.get().resolve("neon-dev")).isInstanceOf(NeonConnection.class);
    }

    @Test
    void testConnectionListsTheBranchesWithTheChosenCredentials(JenkinsRule r) throws Exception {
        LocalCluster cluster = TestPostgres.cluster();
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "pg-admin", "test server", LocalCluster.ADMIN_USER, cluster.adminPassword().reveal()));
        SystemCredentialsProvider.getInstance().save();
        String url = "jdbc:postgresql://127.0.0.1:" + cluster.start() + "/postgres?sslmode=disable";

        FormValidation ok = r.jenkins.getDescriptorByType(PostgresConnection.DescriptorImpl.class).doTestConnection("pg", url, "pg-admin");
        FormValidation missing = r.jenkins.getDescriptorByType(PostgresConnection.DescriptorImpl.class).doTestConnection("pg", url, "nope");

        assertThat(ok.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(ok.getMessage()).startsWith("Connected (postgres):");
        assertThat(missing.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(missing.getMessage()).contains("nope", "none with that id");
    }
}
