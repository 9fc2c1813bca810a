package io.dbbranch.testkit.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.capacity.Capacity;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * One promise about a service's branch limit, checked on every emulated provider: its quota refusal is not a
 * failure but a wait for a slot, and a lease gets the slot as soon as a branch is deleted; expired branches of the
 * owner are reclaimed before anyone waits; with no wait allowed, the refusal fails as {@code QUOTA_EXCEEDED}.
 *
 * @param provider  a provider on the emulator
 * @param limit     sets the emulator's branch limit (as {@code --max-branches}), counted besides the default branch
 * @param others    branches besides the default one that already live on the emulator (other tests')
 * @param lease     a lease of the default branch, for the provider's owner
 */
public record BranchLimitScenario(BranchProvider provider, IntConsumer limit, int others, Supplier<LeaseSpec.Builder> lease) {
    private static final String CONNECTION = "emulated";

    /** The service refuses a second branch; the lease waits, says so, and gets the slot the first one frees. */
    public void aLeaseRefusedForTheQuotaWaitsAndGetsTheFreedSlot() throws Exception {
        limit.accept(others + 1);
        List<String> progress = new CopyOnWriteArrayList<>();
        BranchLease first = BranchLease.open(provider, lease.get().build(), Progress.SILENT);
        CompletableFuture<BranchLease> second;
        try {
            second = CompletableFuture.supplyAsync(() -> BranchLease.open(provider,
                    lease.get().capacity(new Capacity(CONNECTION, 0, Duration.ofSeconds(60))).build(), progress::add));
            awaitLine(progress, "waiting for a branch slot on " + CONNECTION + ": the service refuses more branches");
            assertThat(second).as("still waiting while the first branch lives").isNotDone();
        } finally {
            first.close();
        }
        try (BranchLease got = second.get(30, TimeUnit.SECONDS)) {
            assertThat(got.branch().name()).isNotEqualTo(first.branch().name());
            assertThat(progress).anySatisfy(line -> assertThat(line).startsWith("got a branch slot on " + CONNECTION));
        }
    }

    /** With the limit reached by an expired branch of the owner, it is reaped and the lease needs no wait at all. */
    public void expiredBranchesOfTheOwnerAreReclaimedBeforeWaiting(String owner, String expiredName) throws Exception {
        limit.accept(others + 1);
        Instant now = Instant.now();
        // Its dead-man's switch ran out a minute ago (the labels); the service, told an hour, keeps it meanwhile.
        BranchInfo expired = provider.createBranch(new CreateBranchRequest(expiredName, "main", PointInTime.HEAD,
                now.plus(Duration.ofHours(1)), new Labels(owner, "crashed-job", "1", null, now.minus(Duration.ofMinutes(31)),
                now.minus(Duration.ofMinutes(1))), false));
        List<String> progress = new CopyOnWriteArrayList<>();

        try (BranchLease lease = BranchLease.open(provider,
                this.lease.get().capacity(new Capacity(CONNECTION, 0, Duration.ZERO)).build(), progress::add)) {
            assertThat(provider.findBranch(expired.name())).as("the expired branch was reclaimed").isEmpty();
            assertThat(progress).anySatisfy(line -> assertThat(line).startsWith("reaped branch " + expiredName));
            assertThat(lease.branch().name()).isNotEqualTo(expiredName);
        }
    }

    /** {@code --wait 0}: the refusal is the answer, classified as a quota refusal with the service's words. */
    public void withoutAWaitTheRefusalFailsAsQuotaExceeded() {
        limit.accept(others + 1);
        try (BranchLease first = BranchLease.open(provider, lease.get().build(), Progress.SILENT)) {
            assertThatThrownBy(() -> BranchLease.open(provider, lease.get().capacity(new Capacity(CONNECTION, 0, Duration.ZERO))
                    .build(), Progress.SILENT))
                    .isInstanceOfSatisfying(DbBranchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED))
                    .hasMessageContaining("limit");
        }
    }

    private static void awaitLine(List<String> progress, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (progress.stream().noneMatch(line -> line.startsWith(prefix))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never said '" + prefix + "'; said " + progress);
            }
            Thread.sleep(20);
        }
    }
}
