package io.dbbranch.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.testing.ForwardingProvider;
import io.dbbranch.engine.testing.TestProviders;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LeaseTeardownTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Progress progress = log::add;

    @Test
    void theBranchIsDeletedWhenTheBodyThrows() {
        String parent = TestProviders.parentWithEntities(1);
        AtomicReference<String> branch = new AtomicReference<>();

        assertThatThrownBy(() -> LeaseRunner.run(TestProviders.local(), spec(parent, KeepPolicy.NEVER), progress, lease -> {
            branch.set(lease.branch().name());
            throw new IllegalStateException("tests failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("tests failed");

        assertThat(TestProviders.databaseExists(branch.get())).isFalse();
        assertThat(TestProviders.roleExists(branch.get())).isFalse();
        assertThat(log).contains("deleted branch " + branch.get());
    }

    @Test
    void theBranchIsDeletedWhenTheBodyIsInterrupted() throws Exception {
        String parent = TestProviders.parentWithEntities(1);
        AtomicReference<String> branch = new AtomicReference<>();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch inBody = new CountDownLatch(1);
        Thread build = new Thread(() -> {
            try {
                LeaseRunner.run(TestProviders.local(), spec(parent, KeepPolicy.NEVER), progress, lease -> {
                    branch.set(lease.branch().name());
                    inBody.countDown();
                    Thread.sleep(60_000);
                    return null;
                });
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        build.start();
        assertThat(inBody.await(30, TimeUnit.SECONDS)).isTrue();

        build.interrupt();
        build.join(30_000);

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(TestProviders.databaseExists(branch.get())).isFalse();
    }

    @Test
    void keepOnFailureKeepsTheBranchOfAFailedBodyAndSaysHowToDeleteIt() throws Exception {
        String parent = TestProviders.parentWithEntities(1);
        AtomicReference<String> branch = new AtomicReference<>();

        assertThatThrownBy(() -> LeaseRunner.run(TestProviders.local(), spec(parent, KeepPolicy.ON_FAILURE), progress, lease -> {
            branch.set(lease.branch().name());
            throw new AssertionError("red");
        })).isInstanceOf(AssertionError.class);

        assertThat(TestProviders.databaseExists(branch.get())).isTrue();
        assertThat(log).anyMatch(line -> line.contains("kept branch " + branch.get()) && line.contains("dbbranch delete " + branch.get()));
        TestProviders.local().deleteBranch(TestProviders.local().findBranch(branch.get()).orElseThrow());
    }

    @Test
    void keepOnFailureStillDeletesTheBranchOfASuccessfulBody() throws Exception {
        String parent = TestProviders.parentWithEntities(1);

        String branch = LeaseRunner.run(TestProviders.local(), spec(parent, KeepPolicy.ON_FAILURE), progress,
                lease -> lease.branch().name());

        assertThat(TestProviders.databaseExists(branch)).isFalse();
    }

    @Test
    void aTeardownFailureIsAttachedToTheBodysFailureInsteadOfHidingIt() {
        String parent = TestProviders.parentWithEntities(1);
        AtomicReference<BranchInfo> branch = new AtomicReference<>();

        Throwable thrown = catchThrowable(() -> LeaseRunner.run(new UndeletableProvider(), spec(parent, KeepPolicy.NEVER), progress,
                lease -> {
                    branch.set(lease.branch());
                    throw new IllegalStateException("body failed");
                }));

        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("body failed");
        assertThat(thrown.getSuppressed()).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("server gone"));
        assertThat(log).anyMatch(line -> line.startsWith("may have left branch " + branch.get().name() + " behind"));
        TestProviders.local().deleteBranch(branch.get());
    }

    @Test
    void aTeardownFailureAfterASuccessfulBodyIsThrownRatherThanLost() {
        String parent = TestProviders.parentWithEntities(1);
        AtomicReference<BranchInfo> branch = new AtomicReference<>();

        assertThatThrownBy(() -> LeaseRunner.run(new UndeletableProvider(), spec(parent, KeepPolicy.NEVER), progress, lease -> {
            branch.set(lease.branch());
            return "green";
        })).isInstanceOf(DbBranchException.class).hasMessageContaining("server gone");
        TestProviders.local().deleteBranch(branch.get());
    }

    /** A provider whose deletes fail, as when the server goes away during teardown. */
    private static final class UndeletableProvider extends ForwardingProvider {
        UndeletableProvider() {
            super(TestProviders.local());
        }

        @Override
        public boolean deleteBranch(BranchInfo branch) {
            throw new DbBranchException(ErrorCode.UNAVAILABLE, "Delete branch " + branch.name() + ": server gone");
        }
    }

    private static LeaseSpec spec(String parent, KeepPolicy keep) {
        return LeaseSpec.builder(parent).owner(TestProviders.OWNER).job("shop").build("7").keep(keep).build();
    }
}
