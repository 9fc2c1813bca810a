package io.jenkins.plugins.dbbranch.testing;

import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.testkit.neon.NeonEmulator;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import io.jenkins.plugins.dbbranch.config.NeonConnection;
import java.util.List;

/** One Neon emulator per test JVM on the shared test server, its {@code main} holding a {@code greeting} table of one row. */
public final class TestNeonEmulator {
    private static NeonEmulator emulator;

    private TestNeonEmulator() {
    }

    public static synchronized NeonEmulator get() throws Exception {
        if (emulator == null) {
            NeonEmulator started = NeonEmulator.start(NeonEmulator.Options.sharing(TestPostgres.cluster(),
                    "plugin-" + ProcessHandle.current().pid()));
            started.postgres().adminExecute(started.branchId(NeonEmulator.DEFAULT_BRANCH).orElseThrow(),
                    "CREATE TABLE IF NOT EXISTS greeting (id int PRIMARY KEY, text text NOT NULL)",
                    "INSERT INTO greeting VALUES (1, 'hello from main') ON CONFLICT DO NOTHING");
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-neon-emulator"));
            emulator = started;
        }
        return emulator;
    }

    /** Configures the only connection, {@code neon}, on the emulator, with its API key as "Secret text" {@code neon-key}. */
    public static NeonConnection useNeonConnection() throws Exception {
        NeonEmulator running = get();
        TestCredentials.secretText("neon-key", running.apiKey());
        NeonConnection neon = new NeonConnection("neon");
        neon.setApiUrl(running.apiUrl().toString());
        neon.setProjectId(running.project());
        neon.setCredentialsId("neon-key");
        neon.setDatabase("{branch}");
        neon.setPort(running.postgresPort());
        neon.setSslMode("disable");
        DbBranchConfiguration.get().setConnections(List.of(neon));
        return neon;
    }
}
