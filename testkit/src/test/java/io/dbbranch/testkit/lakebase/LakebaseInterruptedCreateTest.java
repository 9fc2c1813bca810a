package io.dbbranch.testkit.lakebase;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.testkit.emulator.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the soak's leaking lease (issue 19): the answer to its create is lost, and the build is interrupted while
 * the engine looks the branch up. The branch must be deleted, or the lease must say it may have left it behind.
 */
class LakebaseInterruptedCreateTest {
    private final LakebaseEmulator emulator = TestLakebase.emulator();
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private LakebaseProvider provider;

    @BeforeEach
    void openProvider() {
        provider = new LakebaseProvider(TestLakebase.config().build());
    }

    @AfterEach
    void closeProvider() {
        provider.close();
        TestLakebase.reset();
    }

    @Test
    void anInterruptWhileALostCreateIsLookedUpStillDeletesTheBranch(@TempDir Path secrets) throws Exception {
        String name = TestLakebase.name("lost-create");
        emulator.faults().inject("branches.create", Fault.resetAfterActing())
                .inject("branches.get", Fault.rateLimited(Duration.ofSeconds(2)));

        Throwable failure = openInterruptedWhen(spec(name, secrets), () -> emulator.faults().pending("branches.get") == 0);

        assertThat(failure).isInstanceOf(DbBranchException.class);
        assertThat(((DbBranchException) failure).code()).isEqualTo(ErrorCode.INTERRUPTED);
        assertThat(emulator.branchIds()).doesNotContain(name);
        assertThat(emulator.postgres().databaseExists(name)).isFalse();
        assertThat(progress).contains("deleted branch " + name + " after the failed create")
                .noneMatch(line -> line.contains("may have left"));
    }

    @Test
    void aLostCreateThatCannotBeCleanedUpIsReportedAndStaysFindableByTheReaper(@TempDir Path secrets) throws Exception {
        String name = TestLakebase.name("left-behind");
        emulator.faults().inject("branches.create", Fault.resetAfterActing())
                .inject("branches.get", Fault.rateLimited(Duration.ofSeconds(2)))
                .inject("branches.get", Fault.unavailable(), 20);

        Throwable failure = openInterruptedWhen(spec(name, secrets), () -> emulator.faults().pending("branches.get") == 20);

        try {
            assertThat(failure).isInstanceOf(DbBranchException.class);
            assertThat(failure.getSuppressed()).isNotEmpty();
            assertThat(progress).anyMatch(line -> line.startsWith("may have left branch " + name + " behind: ")
                    && line.contains("the reaper deletes it"));
            emulator.faults().clear();
            BranchInfo left = provider.listBranches("ci-").stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
            assertThat(left.labels().owner()).isEqualTo("test-owner");
            assertThat(left.expiresAt()).isAfter(Instant.now());
        } finally {
            emulator.faults().clear();
            provider.findBranch(name).ifPresent(provider::deleteBranch);
        }
    }

    private static LeaseSpec spec(String name, Path secrets) {
        return LeaseSpec.builder("main").name(name).owner("test-owner").job("soak").build(name)
                .readyTimeout(Duration.ofSeconds(30)).secretsDirectory(secrets).build();
    }

    /** Opens a lease on a thread of its own and interrupts that thread as soon as {@code when} holds. */
    private Throwable openInterruptedWhen(LeaseSpec spec, BooleanSupplier when) throws Exception {
        FutureTask<BranchLease> open = new FutureTask<>(() -> BranchLease.open(provider, spec, progress::add));
        Thread lease = new Thread(open, "interrupted-lease");
        lease.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!when.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        lease.interrupt();
        try {
            open.get(60, TimeUnit.SECONDS).close();
            throw new AssertionError("the lease opened although it was interrupted");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
