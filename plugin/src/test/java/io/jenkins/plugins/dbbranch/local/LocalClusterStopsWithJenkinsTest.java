package io.jenkins.plugins.dbbranch.local;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Util;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.testing.TestPostgres;
import io.jenkins.plugins.dbbranch.config.ConnectionContext;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import io.jenkins.plugins.dbbranch.config.LocalConnection;
import io.jenkins.plugins.dbbranch.testing.TestDatabases;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The embedded cluster a {@code local} connection starts on the controller stops when Jenkins stops (the terminator),
 * a cluster that ran before the controller used it is left alone, and the connection's page shows the cluster's state.
 */
@WithJenkins
class LocalClusterStopsWithJenkinsTest {

    @Test
    void aClusterThisControllerStartedIsStoppedWhenJenkinsStops(JenkinsRule r) throws Exception {
        LocalHome home = LocalHome.temporary("dbbranch-terminator");
        LocalConnection local = connectionOn(home.path().toString());
        assertThat(local.status().state()).isEqualTo("not created yet");
        LocalCluster cluster;
        try (BranchProvider provider = local.open(ConnectionContext.forController())) {
            cluster = ((LocalProvider) provider).cluster();
        }
        int port = cluster.runningPort().orElseThrow();
        long postmaster = Long.parseLong(Files.readAllLines(cluster.dataDirectory().resolve("postmaster.pid")).get(0).trim());

        StartedClusters.stopStartedClusters();

        // pg_ctl returns once the postmaster removed its pid file, a moment before the process is gone.
        Optional<ProcessHandle> process = ProcessHandle.of(postmaster);
        if (process.isPresent()) {
            process.get().onExit().get(30, TimeUnit.SECONDS);
        }
        assertThat(accepts(port)).as("port %d open", port).isFalse();
        assertThat(local.status().state()).isEqualTo("stopped");
        assertThat(local.status().port()).isNull();
        Util.deleteRecursive(home.path().toFile());
    }

    @Test
    void aClusterThatRanBeforeTheControllerUsedItIsLeftRunning(JenkinsRule r) throws Exception {
        LocalConnection local = TestDatabases.useLocalConnection();
        local.open(ConnectionContext.forController()).close();

        StartedClusters.stopStartedClusters();

        assertThat(TestPostgres.cluster().runningPort()).isPresent();
    }

    @Test
    void theConnectionPageShowsTheRunningClusterWithoutItsPassword(JenkinsRule r) throws Exception {
        LocalConnection local = TestDatabases.useLocalConnection();
        LocalCluster cluster = TestPostgres.cluster();
        int branches;
        try (BranchProvider provider = local.open(ConnectionContext.forController())) {
            branches = provider.listBranches("").size();
        }

        HtmlPage page = r.createWebClient().goTo("manage/configure");

        String shown = page.querySelector(".dbbranch-local-status").asNormalizedText().replaceAll("\\s+", " ");
        assertThat(shown).contains("State running").contains("PostgreSQL 17.")
                .contains("Data folder " + cluster.dataDirectory())
                .contains("Port " + cluster.runningPort().orElseThrow())
                .contains("Branches " + branches);
        assertThat(page.getWebResponse().getContentAsString()).doesNotContain(cluster.adminPassword().reveal());
    }

    private static LocalConnection connectionOn(String home) {
        LocalConnection local = new LocalConnection("local");
        local.setHome(home);
        DbBranchConfiguration.get().setConnections(List.of(local));
        return local;
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
