package io.dbbranch.cli;

import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.testing.ScratchFolders;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.testkit.lakebase.LakebaseEmulator;
import io.dbbranch.testkit.neon.NeonEmulator;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/** The provider emulators of the testkit, one of each per test JVM, started on first use. */
final class Emulators {
    private static LakebaseEmulator lakebase;
    private static NeonEmulator neon;

    private Emulators() {
    }

    /** The Lakebase emulator, whose {@code main} branch holds a {@code greeting} table with one row. */
    static synchronized LakebaseEmulator lakebase() {
        if (lakebase == null) {
            try {
                Path home = LocalHome.temporary("dbbranch-cli-lakebase").path();
                LakebaseEmulator started = LakebaseEmulator.start(LakebaseEmulator.Options
                        .in(home).withSettings(ClusterSettings.ephemeral()));
                ScratchFolders.removedAtExit(home, started);
                started.postgres().adminExecute(LakebaseEmulator.DEFAULT_BRANCH,
                        "CREATE TABLE IF NOT EXISTS greeting (id int PRIMARY KEY, text text NOT NULL)",
                        "INSERT INTO greeting VALUES (1, 'hello from main') ON CONFLICT DO NOTHING");
                started.tuning().operationPolls(1).operationDuration(Duration.ofMillis(200));
                lakebase = started;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return lakebase;
    }

    /** The Neon emulator, keeping its branches in the test JVM's shared server; its {@code main} has 10 entities. */
    static synchronized NeonEmulator neon() {
        if (neon == null) {
            NeonEmulator started = NeonEmulator.start(NeonEmulator.Options.sharing(TestPostgres.cluster(),
                    "cli-" + ProcessHandle.current().pid()));
            started.tuning().operationDuration(Duration.ofMillis(200));
            try {
                started.postgres().adminExecute(started.branchId(NeonEmulator.DEFAULT_BRANCH).orElseThrow(),
                        "CREATE TABLE IF NOT EXISTS final_entities (id bigint PRIMARY KEY, name text NOT NULL)",
                        "INSERT INTO final_entities SELECT g, 'entity ' || g FROM generate_series(1, 10) g ON CONFLICT DO NOTHING");
            } catch (SQLException e) {
                started.close();
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-neon-emulator"));
            neon = started;
        }
        return neon;
    }

    /** The CLI settings for the Neon emulator. */
    static Map<String, String> neonEnvironment() {
        NeonEmulator emulator = neon();
        Map<String, String> environment = Cli.base();
        environment.put("DBBRANCH_PROVIDER", "neon");
        environment.put("DBBRANCH_NEON_PROJECT", emulator.project());
        environment.put("DBBRANCH_NEON_API_KEY", emulator.apiKey());
        environment.put("DBBRANCH_NEON_API_URL", emulator.apiUrl().toString());
        environment.put("DBBRANCH_NEON_DATABASE", "{branch}");
        environment.put("DBBRANCH_NEON_PORT", Integer.toString(emulator.postgresPort()));
        environment.put("DBBRANCH_NEON_SSLMODE", "disable");
        return environment;
    }

    /** The CLI settings of a service principal on the Lakebase emulator. */
    static Map<String, String> lakebaseEnvironment() {
        LakebaseEmulator emulator = lakebase();
        Map<String, String> environment = Cli.base();
        environment.put("DBBRANCH_PROVIDER", "lakebase");
        environment.put("DBBRANCH_LAKEBASE_WORKSPACE", emulator.workspaceUrl().toString());
        environment.put("DBBRANCH_LAKEBASE_PROJECT", emulator.project());
        environment.put("DBBRANCH_LAKEBASE_CLIENT_ID", emulator.identities().clientId());
        environment.put("DBBRANCH_LAKEBASE_CLIENT_SECRET", emulator.identities().clientSecret());
        environment.put("DBBRANCH_LAKEBASE_DATABASE", "{branch}");
        environment.put("DBBRANCH_LAKEBASE_PORT", Integer.toString(emulator.postgresPort()));
        environment.put("DBBRANCH_LAKEBASE_SSLMODE", "disable");
        return environment;
    }
}
