package io.dbbranch.testkit.lakebase;

import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.HttpSettings;
import io.dbbranch.engine.http.RetryPolicy;
import io.dbbranch.engine.lakebase.LakebaseConfig;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.ServerAccount;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.testing.ScratchFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Lakebase emulator per test JVM (its PostgreSQL with fsync off), started on first use, and provider
 * configurations that point at it. Tests use unique branch names and reset faults and tuning when done.
 */
final class TestLakebase {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static LakebaseEmulator emulator;

    private TestLakebase() {
    }

    static synchronized LakebaseEmulator emulator() {
        if (emulator == null) {
            try {
                Path home = ServerAccount.current().letEnter(Files.createTempDirectory("dbbranch-lakebase-emulator"));
                LakebaseEmulator started = LakebaseEmulator.start(LakebaseEmulator.Options.in(home)
                        .withSettings(ClusterSettings.ephemeral()));
                started.postgres().adminExecute("main",
                        "CREATE TABLE IF NOT EXISTS greeting (id int PRIMARY KEY, text text NOT NULL)",
                        "INSERT INTO greeting VALUES (1, 'hello from main') ON CONFLICT DO NOTHING");
                // Its history (base backups, WAL, restored servers) is worth removing, unlike a plain server's.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    delete(home);
                }, "stop-lakebase-emulator"));
                emulator = started;
                if (Boolean.getBoolean("emulator.log")) {
                    started.logTo(System.out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return emulator;
    }

    /** Removes an emulator's home; the emulator must be closed. */
    static void delete(Path home) {
        ScratchFolders.delete(home);
    }

    /** Undoes what a test changed: pending faults and tuning. */
    static void reset() {
        LakebaseEmulator running = emulator();
        running.faults().clear();
        running.tuning().operationPolls(2).operationDuration(Duration.ofSeconds(3)).endpointPolls(0).minCredentialTtl(Duration.ofSeconds(300))
                .maxCredentialTtl(Duration.ofSeconds(3600)).accessTokenTtl(Duration.ofSeconds(3600)).maxPageSize(100)
                .maxBranches(0);
    }

    /** A service principal configuration for the emulator: fast polls, short retry waits. */
    static LakebaseConfig.Builder config() {
        return config(emulator());
    }

    /** The same for an emulator of the test's own. */
    static LakebaseConfig.Builder config(LakebaseEmulator running) {
        return LakebaseConfig.builder()
                .workspaceUrl(running.workspaceUrl().toString())
                .project(running.project())
                .servicePrincipal(running.identities().clientId(), Secret.of(running.identities().clientSecret()))
                .port(running.postgresPort())
                .sslMode("disable")
                .database("{branch}")
                .owner("test-owner")
                .pollInterval(Duration.ofMillis(50))
                .operationTimeout(Duration.ofSeconds(30))
                .http(HttpSettings.defaults().withRetry(new RetryPolicy(5, Duration.ofSeconds(30),
                        Duration.ofMillis(50), Duration.ofSeconds(3), Set.of(429, 503))));
    }

    /** A fresh branch name with our prefix. */
    static String name(String what) {
        return "ci-" + what + "-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }

    static CreateBranchRequest request(String name) {
        return request(name, "main");
    }

    static CreateBranchRequest request(String name, String parent) {
        Instant now = Instant.now();
        return new CreateBranchRequest(name, parent, PointInTime.HEAD, now.plus(Duration.ofHours(1)),
                new Labels("test-owner", "job", "1", null, now, now.plus(Duration.ofHours(1))));
    }
}
