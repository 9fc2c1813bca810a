package io.jenkins.plugins.dbbranch.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ConfigurationAsCodeTest {

    @Test
    void connectionsAreReadFromYamlAndExportedBackWithTheirSymbols(JenkinsRule r) throws Exception {
        ConfigurationAsCode.get().configure(getClass().getResource("configuration-as-code.yml").toExternalForm());

        List<DbConnection> connections = DbBranchConfiguration.get().getConnections();
        assertThat(connections).extracting(DbConnection::getName).containsExactly("lakebase-prod", "neon-dev", "pg", "local");
        LakebaseConnection lakebase = (LakebaseConnection) connections.get(0);
        assertThat(lakebase.getWorkspaceUrl()).isEqualTo("https://dbc-1234.cloud.databricks.com");
        assertThat(lakebase.getCredentialsId()).isEqualTo("lakebase-sp");
        assertThat(lakebase.getPostgresRole()).isEqualTo("ci-runner");
        assertThat(((NeonConnection) connections.get(1)).getProjectId()).isEqualTo("dry-sound-12345678");
        assertThat(((PostgresConnection) connections.get(2)).getJdbcUrl()).endsWith("sslmode=require");
        assertThat(connections.get(3)).isInstanceOf(LocalConnection.class);
        assertThat(((LocalConnection) connections.get(3)).getPgVersion()).isEqualTo("18");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfigurationAsCode.get().export(out);
        String exported = out.toString(StandardCharsets.UTF_8);

        assertThat(exported).contains("dbBranch:", "connections:", "- lakebase:", "- neon:", "- postgres:", "- local:",
                "workspaceUrl: \"https://dbc-1234.cloud.databricks.com\"", "credentialsId: \"pg-admin\"",
                "projectId: \"dry-sound-12345678\"", "name: \"local\"", "pgVersion: \"18\"");
    }
}
