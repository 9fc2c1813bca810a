package io.jenkins.plugins.dbbranch.testing;

import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.testing.ScratchFolders;
import io.dbbranch.testkit.lakebase.LakebaseEmulator;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import io.jenkins.plugins.dbbranch.config.LakebaseConnection;
import java.nio.file.Path;
import java.util.List;

/** One Lakebase emulator per test JVM, its {@code main} holding a {@code greeting} table of one row. */
public final class TestLakebaseEmulator {
    private static LakebaseEmulator emulator;

    private TestLakebaseEmulator() {
    }

    public static synchronized LakebaseEmulator get() throws Exception {
        if (emulator == null) {
            Path home = LocalHome.temporary("dbbranch-plugin-lakebase").path();
            LakebaseEmulator started = LakebaseEmulator.start(LakebaseEmulator.Options
                    .in(home).withSettings(ClusterSettings.ephemeral()));
            ScratchFolders.removedAtExit(home, started);
            started.postgres().adminExecute("main",
                    "CREATE TABLE IF NOT EXISTS greeting (id int PRIMARY KEY, text text NOT NULL)",
                    "INSERT INTO greeting VALUES (1, 'hello from main') ON CONFLICT DO NOTHING");
            emulator = started;
        }
        return emulator;
    }

    /**
     * Configures the only connection, {@code lakebase}, on the emulator, signing in as its service principal kept as
     * "Username with password" credentials {@code lakebase-sp}.
     */
    public static LakebaseConnection useLakebaseConnection() throws Exception {
        LakebaseEmulator running = get();
        TestCredentials.usernamePassword("lakebase-sp", running.identities().clientId(), running.identities().clientSecret());
        LakebaseConnection lakebase = new LakebaseConnection("lakebase");
        lakebase.setWorkspaceUrl(running.workspaceUrl().toString());
        lakebase.setProject(running.project());
        lakebase.setCredentialsId("lakebase-sp");
        lakebase.setPort(running.postgresPort());
        lakebase.setSslMode("disable");
        lakebase.setDatabase("{branch}");
        DbBranchConfiguration.get().setConnections(List.of(lakebase));
        return lakebase;
    }
}
