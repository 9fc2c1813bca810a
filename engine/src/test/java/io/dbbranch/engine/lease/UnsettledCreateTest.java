package io.dbbranch.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.ForwardingProvider;
import io.dbbranch.engine.testing.TestProviders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A create that failed after it may have made the branch: the lease cleans up its own branch, and only its own. */
class UnsettledCreateTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Progress progress = log::add;

    @Test
    void aBranchMadeByACreateWhoseAnswerWasLostIsDeleted() {
        String parent = TestProviders.parentWithEntities(1);
        LeaseSpec spec = spec(parent, TestProviders.uniqueName("lost"));
        LostAnswerProvider provider = new LostAnswerProvider(true);

        Throwable failure = catchThrowable(() -> BranchLease.open(provider, spec, progress));

        assertThat(failure).isInstanceOf(DbBranchException.class);
        assertThat(TestProviders.databaseExists(spec.resolveName())).isFalse();
        assertThat(log).contains("deleted branch " + spec.resolveName() + " after the failed create");
    }

    @Test
    void anOlderBranchOfTheSameNameIsLeftAloneAndReported() {
        String parent = TestProviders.parentWithEntities(1);
        LeaseSpec spec = spec(parent, TestProviders.uniqueName("older"));
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        BranchInfo older = TestProviders.local().createBranch(new CreateBranchRequest(spec.resolveName(), parent,
                PointInTime.HEAD, Instant.now().plus(Duration.ofHours(1)),
                new Labels(TestProviders.OWNER, "shop", "7", null, hourAgo, Instant.now().plus(Duration.ofHours(1)))));
        try {
            Throwable failure = catchThrowable(() -> BranchLease.open(new LostAnswerProvider(false), spec, progress));

            assertThat(failure).isInstanceOf(DbBranchException.class);
            assertThat(TestProviders.databaseExists(spec.resolveName())).as("not this lease's to delete").isTrue();
            assertThat(log).anyMatch(line -> line.startsWith("may have left branch " + spec.resolveName() + " behind: it exists, but"));
        } finally {
            TestProviders.local().deleteBranch(older);
        }
    }

    @Test
    void aRefusedCreateIsNotSettledOnlyDescribed() {
        LostAnswerProvider provider = new LostAnswerProvider(false) {
            @Override
            public BranchInfo createBranch(CreateBranchRequest request) {
                throw DbBranchException.of(ErrorCode.ALREADY_EXISTS, "Create branch", "it exists", "Use another name");
            }
        };

        catchThrowable(() -> BranchLease.open(provider, spec(TestProviders.parentWithEntities(1),
                TestProviders.uniqueName("refused")), progress));

        // One look-up names the branch of that name in the refusal (ExistingBranch); nothing is settled or deleted.
        assertThat(provider.lookups.get()).isEqualTo(1);
        assertThat(log).noneMatch(line -> line.contains("may have left"));
    }

    private static LeaseSpec spec(String parent, String name) {
        return LeaseSpec.builder(parent).name(name).owner(TestProviders.OWNER).job("shop").build("7").build();
    }

    /** Its creates fail as if the answer was lost: after making the branch, or without making it. */
    private static class LostAnswerProvider extends ForwardingProvider {
        private final boolean makesTheBranch;
        final AtomicInteger lookups = new AtomicInteger();

        LostAnswerProvider(boolean makesTheBranch) {
            super(TestProviders.local());
            this.makesTheBranch = makesTheBranch;
        }

        @Override
        public BranchInfo createBranch(CreateBranchRequest request) {
            if (makesTheBranch) {
                delegate.createBranch(request);
            }
            throw new DbBranchException(ErrorCode.INTERRUPTED, "Create branch " + request.name() + ": interrupted");
        }

        @Override
        public Optional<BranchInfo> findBranch(String name) {
            lookups.incrementAndGet();
            return delegate.findBranch(name);
        }
    }
}
