package io.jenkins.plugins.dbbranch.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void connectionsAreReadFromYamlAndExportedTheSameWay(JenkinsConfiguredWithCodeRule r) throws Exception {
        List<DbConnection> connections = DbBranchConfiguration.get().getConnections();
        assertThat(connections).extracting(DbConnection::getName).containsExactly("lakebase-prod", "neon-dev", "pg", "local");
        LakebaseConnection lakebase = (LakebaseConnection) connections.get(0);
        assertThat(lakebase.getWorkspaceUrl()).isEqualTo("https://dbc-1234.cloud.databricks.com");
        assertThat(lakebase.getCredentialsId()).isEqualTo("lakebase-sp");
        assertThat(lakebase.defaultParent()).isEqualTo("main");
        assertThat(((PostgresConnection) connections.get(2)).getJdbcUrl()).endsWith("sslmode=require");

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode exported = Util.getUnclassifiedRoot(context).get("dbBranch");

        assertThat(Util.toYamlString(exported).trim())
                .isEqualTo(Util.toStringFromYamlFile(this, "expected-export.yml").trim());
    }
}
