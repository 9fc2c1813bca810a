package io.dbbranch.testkit.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.StepHooks;
import io.dbbranch.engine.credentials.PgPassFile;
import io.dbbranch.engine.lease.ReapReport;
import io.dbbranch.engine.lease.Reaper;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * The promise, on every provider: whatever instant the process dies at, opening or tearing down a lease, one pass of
 * the reaper of the same owner (once the leases' expiry has passed) removes everything the lease made — branches,
 * roles, password files — and touches nothing foreign. A child JVM ({@link KilledLease}) leases a branch and halts at
 * one step boundary after another ({@link #boundaries()}, the first being {@code lease.requested}, before anything is
 * made), as {@code SIGKILL} would; a provider's test class says where its boundaries are and how to reach its service.
 */
public abstract class ProcessKillTests {
    /** The owner of the killed leases and of the reaper. */
    protected static final String OWNER = "kill-test@dbbranch";
    /** The reaper runs this long after now: past the leases' expiry (30 min by default), before the foreign branch's. */
    private static final Duration REAPER_LATER_BY = Duration.ofHours(2);

    @TempDir
    Path secrets;

    /** The provider as {@code owner} sees it, on the service the child uses (built as the child builds its own). */
    protected BranchProvider providerOf(String owner) {
        return KilledLease.provider(KilledLease.options(childOptions()), owner, childSecret());
    }

    /** The branch the leases are made from. */
    protected abstract String parent();

    /** The prefix of this run's branch names (unique in the test JVM). */
    protected abstract String prefix();

    /** The step boundaries to halt at, in the order they are reached. */
    protected abstract List<String> boundaries();

    /** {@code provider=…} and its options for {@link KilledLease}. */
    protected abstract List<String> childOptions();

    /** The password, client secret or API key the child needs, if any. */
    protected String childSecret() {
        return "";
    }

    /** Objects of this prefix that are not branches of ours and must survive, besides a branch of another owner. */
    protected List<String> makeForeignObjects(String prefix) {
        return List.of();
    }

    /** Roles of the prefix on the server that are not among {@code foreign}; none where roles die with their branch. */
    protected List<String> rolesLeft(String prefix, List<String> foreign) {
        return List.of();
    }

    /**
     * The shared test server's roles whose names contain {@code prefix} (a branch's role on postgres and local, a Neon
     * login role {@code <role prefix><branch>} on the Neon emulator that shares it), other than {@code foreign}.
     */
    protected static List<String> testServerRolesContaining(String prefix, List<String> foreign) {
        List<String> names = new ArrayList<>();
        try (Connection connection = TestPostgres.cluster().connectAdmin("postgres");
             PreparedStatement query = connection.prepareStatement("SELECT rolname FROM pg_roles WHERE strpos(rolname, ?) > 0")) {
            query.setString(1, prefix);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        names.removeAll(foreign);
        return names;
    }

    @Test
    void aLeaseKilledAtEveryStepBoundaryLeavesNothingOnceReaped() throws Exception {
        String prefix = prefix();
        List<String> foreign = new ArrayList<>(makeForeignObjects(prefix));
        foreign.add(branchOfAnotherOwner(prefix + "theirs"));
        List<String> boundaries = boundaries();
        List<String> madeSomething = new ArrayList<>();
        for (int i = 0; i < boundaries.size(); i++) {
            String boundary = boundaries.get(i);
            String name = prefix + i + "-" + boundary.substring(boundary.lastIndexOf('.') + 1);
            assertThat(runChildHaltingAt(boundary, name)).as("the child leasing %s halted at %s", name, boundary)
                    .isEqualTo(StepHooks.HALT_STATUS);
            if (i > 0) {
                madeSomething.add(name);
            }
        }
        BranchProvider provider = providerOf(OWNER);

        ReapReport report = new Reaper(provider, OWNER, Reaper.BuildLiveness.UNKNOWN,
                Clock.offset(Clock.systemUTC(), REAPER_LATER_BY)).reap(prefix, false, false, Progress.SILENT);
        for (ReapReport.Entry reaped : report.deleted()) {
            // As dbbranch reap does: a deleted branch's password file is found by the branch's name.
            PgPassFile.ofBranch(secrets, reaped.branch()).delete();
        }

        try {
            assertThat(report.failures()).isEmpty();
            assertThat(report.deleted()).extracting(ReapReport.Entry::branch).as("a kill after the lease's first step leaves "
                    + "something, and the reaper finds it").containsExactlyInAnyOrderElementsOf(madeSomething);
            assertThat(provider.listBranches(prefix)).extracting(BranchInfo::name).containsExactlyInAnyOrderElementsOf(foreign);
            assertThat(rolesLeft(prefix, foreign)).isEmpty();
            try (Stream<Path> files = Files.list(secrets)) {
                assertThat(files).as("password files left").isEmpty();
            }
        } finally {
            BranchProvider theirs = providerOf("someone-else@dbbranch");
            theirs.findBranch(prefix + "theirs").ifPresent(theirs::deleteBranch);
        }
    }

    /** A live branch of this prefix made by another owner: labelled theirs, expiring long after the reaper runs. */
    private String branchOfAnotherOwner(String name) {
        Instant now = Instant.now();
        Labels labels = new Labels("someone-else@dbbranch", null, null, null, now, now.plus(Duration.ofDays(7)));
        return providerOf(labels.owner()).createBranch(new CreateBranchRequest(name, parent(), PointInTime.HEAD,
                labels.expiresAt(), labels)).name();
    }

    private int runChildHaltingAt(String boundary, String name) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-D" + StepHooks.HALT_AT + "=" + boundary,
                "-cp", System.getProperty("java.class.path"), KilledLease.class.getName(),
                "owner=" + OWNER, "parent=" + parent(), "name=" + name, "secrets=" + secrets));
        command.addAll(childOptions());
        Path output = Files.createTempFile("killed-lease", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put(KilledLease.SECRET_ENV, childSecret());
            Process child = builder.start();
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor();
            }
            if (child.exitValue() != StepHooks.HALT_STATUS) {
                System.err.println("the child leasing " + name + " did not halt at " + boundary + ":\n" + Files.readString(output));
            }
            return child.exitValue();
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
