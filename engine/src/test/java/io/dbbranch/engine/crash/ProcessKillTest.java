package io.dbbranch.engine.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.StepHooks;
import io.dbbranch.engine.credentials.PgPassFile;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.lease.ReapReport;
import io.dbbranch.engine.lease.Reaper;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.postgres.PostgresConfig;
import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise: whatever instant the process dies at, opening or tearing down a lease, the reaper of the same owner
 * removes everything it made (database, role, password file) and touches nothing foreign. A child JVM
 * ({@link KilledLease}) leases a branch and halts at one step boundary after another, as {@code SIGKILL} would; then one
 * reaper pass, once the leases' expiry has passed, must leave 0 branches and 0 roles of the run.
 *
 * <p>The boundaries, in order: the lease announced; the labelled role made (the branch's intent record); the database
 * copied; the database labelled; ownership handed over; credential minted and password file written; the body; the
 * database dropped in teardown (before the role). A credential minted but not yet written needs no point of its own: it
 * leaves the same branch as the one before and no file.
 */
class ProcessKillTest {
    private static final List<String> BOUNDARIES = List.of("lease.requested", "postgres.create.role-made",
            "postgres.create.database-made", "postgres.create.labelled", "postgres.create.owned", "lease.ready", "lease.body",
            "postgres.delete.database-dropped");
    private static final String ADMIN_PASSWORD = "kill-test-admin";

    @TempDir
    Path secrets;

    @Test
    void aLocalLeaseKilledAtEveryStepLeavesNothingOnceReaped() throws Exception {
        String prefix = TestProviders.uniqueName("kill") + "-";
        killAtEveryBoundary(TestProviders.local(), prefix, TestProviders.parentWithEntities(3), List.of("local"));
    }

    @Test
    void aPostgresLeaseOfANonSuperuserAdminKilledAtEveryStepLeavesNothingOnceReaped() throws Exception {
        String prefix = TestProviders.uniqueName("pgkill") + "-";
        String admin = TestProviders.uniqueName("kill-admin");
        TestPostgres.execute("postgres", "CREATE ROLE \"" + admin + "\" LOGIN CREATEDB CREATEROLE PASSWORD '" + ADMIN_PASSWORD + "'");
        LocalCluster cluster = TestPostgres.cluster();
        PostgresProvider provider = new PostgresProvider(new PostgresConfig("127.0.0.1", cluster.start(), "postgres", admin,
                Secret.of(ADMIN_PASSWORD), "disable", null, TestProviders.OWNER));
        String root = TestProviders.uniqueName("kill-root");
        provider.createRoot(root, new Labels(TestProviders.OWNER, null, null, null, Instant.now(), null));
        killAtEveryBoundary(provider, prefix, root, List.of("postgres", admin));
    }

    private void killAtEveryBoundary(BranchProvider provider, String prefix, String parent, List<String> kind) throws Exception {
        List<String> foreign = makeForeignObjects(prefix);
        for (String boundary : BOUNDARIES) {
            String name = prefix + boundary.substring(boundary.lastIndexOf('.') + 1);
            assertThat(runChildHaltingAt(boundary, kind, parent, name))
                    .as("the child leasing %s halted at %s", name, boundary).isEqualTo(StepHooks.HALT_STATUS);
        }
        assertThat(roles(prefix)).as("the kills left roles behind").hasSizeGreaterThan(foreign.size());

        Clock afterExpiry = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));
        ReapReport report = new Reaper(provider, TestProviders.OWNER, Reaper.BuildLiveness.UNKNOWN, afterExpiry)
                .reap(prefix, false, false, Progress.SILENT);
        for (ReapReport.Entry reaped : report.deleted()) {
            // What dbbranch reap does after deleting a branch: its password file is named by the branch.
            PgPassFile.ofBranch(secrets, reaped.branch()).delete();
        }

        assertThat(report.failures()).isEmpty();
        assertThat(provider.listBranches(prefix)).extracting(BranchInfo::name).containsExactlyInAnyOrderElementsOf(foreign);
        assertThat(roles(prefix)).containsExactlyInAnyOrderElementsOf(foreign);
        try (Stream<Path> files = Files.list(secrets)) {
            assertThat(files).isEmpty();
        }
        for (String each : foreign) {
            assertThat(TestProviders.databaseExists(each)).as("foreign database %s", each).isTrue();
        }
    }

    /**
     * A database and a role of our prefix that dbbranch did not make: a role without our comment owning a database of
     * its own name without labels, the shape of a branch killed before its labels, but not ours.
     */
    private static List<String> makeForeignObjects(String prefix) {
        String name = prefix + "foreign";
        TestPostgres.execute("postgres", "CREATE ROLE \"" + name + "\" LOGIN",
                "CREATE DATABASE \"" + name + "\" OWNER \"" + name + "\"");
        return List.of(name);
    }

    private int runChildHaltingAt(String boundary, List<String> kind, String parent, String name) throws Exception {
        LocalCluster cluster = TestPostgres.cluster();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-D" + StepHooks.HALT_AT + "=" + boundary,
                "-cp", System.getProperty("java.class.path"), KilledLease.class.getName(), kind.get(0),
                cluster.directory().toString(), TestProviders.OWNER, parent, name, secrets.toString()));
        command.addAll(kind.subList(1, kind.size()));
        Path output = Files.createTempFile("killed-lease", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("DBBRANCH_TEST_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Process child = builder.start();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
        }
        int status = child.exitValue();
        if (status != StepHooks.HALT_STATUS) {
            System.err.println(Files.readString(output));
        }
        deleteQuietly(output);
        return status;
    }

    private static void deleteQuietly(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    private static List<String> roles(String prefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = TestPostgres.cluster().connectAdmin("postgres"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT rolname FROM pg_roles WHERE starts_with(rolname, '"
                     + prefix.replace("'", "''") + "')")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
