package io.dbbranch.testkit.fixedname;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.ExistingBranch;
import io.dbbranch.engine.lease.KeepPolicy;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.lease.OnExists;
import io.dbbranch.engine.lease.ReadinessProbe;
import io.dbbranch.engine.lease.ReapReport;
import io.dbbranch.engine.lease.Reaper;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull request's branch of a fixed name through its builds, written once and run on every provider: the first build
 * makes it and keeps it while the pull request is open, the next reuses it with its data, a build that does not say
 * what to do is refused, a reset forgets the data, a recreate makes a new branch, and the reaper deletes it once the
 * pull request is closed. Then the two promises that keep others safe: a branch of that name that is not ours is
 * never touched, and two leases of one name at once make one branch. The tests run in order on one branch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class FixedNameScenarioTests {
    private static final String NOTES = "SELECT count(*) FROM run_notes";

    @TempDir
    Path secrets;

    /** The provider under test; closed after the class by {@link #closeProvider()}. */
    protected abstract BranchProvider provider();

    protected abstract String parent();

    /** The owner the provider reports on branches it made (its configuration's). */
    protected abstract String owner();

    /** The first part of every name this class uses, unique in the run (and the provider's prefix, if it has one). */
    protected abstract String prefix();

    /** Makes a branch of that name that is not ours: by default one of the parent labelled with another owner. */
    protected void makeForeignBranch(String name) throws Exception {
        Instant now = Instant.now();
        Labels labels = new Labels("someone-else@elsewhere", null, null, null, now, now.plusSeconds(3600));
        provider().createBranch(new CreateBranchRequest(name, parent(), PointInTime.HEAD, labels.expiresAt(), labels));
    }

    /** Removes what {@link #makeForeignBranch} made. */
    protected void removeForeignBranch(String name) throws Exception {
        provider().findBranch(name).ifPresent(provider()::deleteBranch);
    }

    /** A name for {@link #makeForeignBranch}. */
    protected String foreignName() {
        return prefix() + "foreign";
    }

    /** Whether branches carry the pull request label (Lakebase branches have no labels of their own). */
    protected boolean labelsPullRequests() {
        return true;
    }

    /** Checks how {@code onExists: reset} went: by default the branch was made again (no native reset). */
    protected void checkReset(BranchInfo before, BranchLease reset) {
        assertThat(reset.origin()).isEqualTo(ExistingBranch.Origin.RECREATED);
    }

    protected void closeProvider() {
    }

    private String branch() {
        return prefix() + "pr-1";
    }

    @AfterAll
    void deleteWhatIsLeft() {
        try {
            for (BranchInfo left : provider().listBranches(prefix())) {
                if (left.labels() != null) {
                    provider().deleteBranch(left);
                }
            }
        } finally {
            closeProvider();
        }
    }

    @Test
    @Order(1)
    void aPullRequestsFirstBuildMakesItsBranchAndKeepsIt() throws SQLException {
        try (BranchLease lease = lease(branch(), OnExists.REUSE, "pr:shop#1")) {
            write(lease, "build 1");
            assertThat(lease.origin()).isEqualTo(ExistingBranch.Origin.CREATED);
            lease.close();
            assertThat(lease.teardown().kept()).isTrue();
        }
        BranchInfo kept = provider().findBranch(branch()).orElseThrow();
        if (labelsPullRequests()) {
            assertThat(kept.labels().pullRequest()).isEqualTo("pr:shop#1");
        }
    }

    @Test
    @Order(2)
    void reuseSeesThePreviousBuildsData() throws SQLException {
        String id = provider().findBranch(branch()).orElseThrow().id();
        try (BranchLease lease = lease(branch(), OnExists.REUSE, "pr:shop#1")) {
            assertThat(lease.origin()).isEqualTo(ExistingBranch.Origin.REUSED);
            assertThat(lease.branch().id()).isEqualTo(id);
            assertThat(count(lease, NOTES)).isEqualTo(1);
        }
    }

    @Test
    @Order(3)
    void failRefusesASecondBranchOfThatNameSayingWhoseItIsAndWhatToDo() {
        String id = provider().findBranch(branch()).orElseThrow().id();

        assertThatThrownBy(() -> lease(branch(), OnExists.FAIL, "pr:shop#1").close())
                .isInstanceOfSatisfying(DbBranchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS))
                .hasMessageContaining("Lease branch " + branch() + " of " + parent())
                .hasMessageContaining("exists already: made ").hasMessageContaining(" by " + owner())
                .hasMessageContaining("expiring at ")
                .hasMessageContaining("reuse").hasMessageContaining("reset").hasMessageContaining("recreate");
        assertThat(provider().findBranch(branch()).orElseThrow().id()).isEqualTo(id);
    }

    @Test
    @Order(4)
    void resetForgetsThePreviousBuildsData() throws SQLException {
        BranchInfo before = provider().findBranch(branch()).orElseThrow();
        try (BranchLease lease = lease(branch(), OnExists.RESET, "pr:shop#1")) {
            checkReset(before, lease);
            assertThat(count(lease, "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = 'run_notes'")).isZero();
            write(lease, "build 4");
        }
    }

    @Test
    @Order(5)
    void recreateMakesANewBranchWithoutTheOldData() throws SQLException {
        BranchInfo before = provider().findBranch(branch()).orElseThrow();
        try (BranchLease lease = lease(branch(), OnExists.RECREATE, "pr:shop#1")) {
            assertThat(lease.origin()).isEqualTo(ExistingBranch.Origin.RECREATED);
            assertThat(lease.branch().createdAt()).isAfter(before.createdAt());
            if (!before.id().equals(before.name())) {
                assertThat(lease.branch().id()).as("a new branch id").isNotEqualTo(before.id());
            }
            assertThat(count(lease, "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = 'run_notes'")).isZero();
        }
    }

    @Test
    @Order(6)
    void theReaperDeletesAClosedPullRequestsBranchAndKeepsAnOpenOnes() {
        String open = prefix() + "pr-2";
        lease(open, OnExists.REUSE, "pr:shop#2").close();

        ReapReport report = new Reaper(provider(), owner(), Reaper.BuildLiveness.UNKNOWN,
                Reaper.PullRequestLiveness.closed(List.of("pr:shop#1")), Clock.systemUTC())
                .reap(prefix(), false, false, Progress.SILENT);

        assertThat(report.failures()).isEmpty();
        assertThat(report.skipped()).extracting(ReapReport.Entry::branch).contains(open);
        assertThat(provider().findBranch(open)).isPresent();
        if (labelsPullRequests()) {
            assertThat(report.deleted()).extracting(ReapReport.Entry::branch).containsExactly(branch());
            assertThat(report.deleted().get(0).reason()).isEqualTo("its pull request pr:shop#1 is closed");
            assertThat(provider().findBranch(branch())).isEmpty();
        } else {
            // Nothing on the branch says which pull request it is: it lives until its expiry.
            assertThat(report.deleted()).isEmpty();
            assertThat(provider().findBranch(branch())).isPresent();
        }
    }

    @Test
    @Order(7)
    void aBranchOfThatNameThatIsNotOursIsNeverTouched() throws Exception {
        String foreign = foreignName();
        makeForeignBranch(foreign);
        try {
            BranchInfo before = provider().findBranch(foreign).orElseThrow();
            for (OnExists choice : OnExists.values()) {
                assertThatThrownBy(() -> lease(foreign, choice, "pr:shop#3").close())
                        .as(choice.symbol())
                        .isInstanceOfSatisfying(DbBranchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS))
                        .hasMessageContaining(foreign).hasMessageContaining("Use another name");
            }
            BranchInfo after = provider().findBranch(foreign).orElseThrow();
            assertThat(after.id()).isEqualTo(before.id());
            assertThat(after.createdAt()).isEqualTo(before.createdAt());
            assertThat(after.labels()).isEqualTo(before.labels());
        } finally {
            removeForeignBranch(foreign);
        }
    }

    @Test
    @Order(8)
    void twoLeasesReusingOneNameAtOnceMakeOneBranch() throws Exception {
        String name = prefix() + "race";
        LeaseSpec spec = spec(name, OnExists.REUSE, "pr:shop#4");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ExistingBranch.Opened>> both = List.of(pool.submit(() -> open(spec, start)), pool.submit(() -> open(spec, start)));
            start.countDown();
            ExistingBranch.Opened first = both.get(0).get();
            ExistingBranch.Opened second = both.get(1).get();

            assertThat(List.of(first.origin(), second.origin()))
                    .containsExactlyInAnyOrder(ExistingBranch.Origin.CREATED, ExistingBranch.Origin.REUSED);
            assertThat(second.branch().id()).isEqualTo(first.branch().id());
            assertThat(provider().listBranches(name)).extracting(BranchInfo::name).containsExactly(name);
        } finally {
            pool.shutdownNow();
        }
    }

    /** What a lease's first step does, with labels of its own (as two leases have). */
    private ExistingBranch.Opened open(LeaseSpec spec, CountDownLatch start) throws InterruptedException {
        start.await();
        Instant now = Instant.now();
        Labels labels = new Labels(owner(), spec.job(), spec.build(), null, now, now.plus(spec.expiryWindow()), spec.pullRequest());
        CreateBranchRequest request = new CreateBranchRequest(spec.name(), spec.parent(), PointInTime.HEAD, labels.expiresAt(), labels);
        return new ExistingBranch(provider(), spec, Progress.SILENT).open(request, () -> provider().createBranch(request));
    }

    /** A build's lease of {@code name} that keeps its branch while pull request {@code key} is open. */
    private BranchLease lease(String name, OnExists onExists, String key) {
        return BranchLease.open(provider(), spec(name, onExists, key), Progress.SILENT);
    }

    private LeaseSpec spec(String name, OnExists onExists, String key) {
        return LeaseSpec.builder(parent()).name(name).owner(owner()).job("fixed-name").build("1").onExists(onExists)
                .keep(KeepPolicy.WHILE_PR_OPEN).pullRequest(key).keepFor(Duration.ofHours(1))
                .secretsDirectory(secrets).readyTimeout(Duration.ofSeconds(60)).build();
    }

    /** Writes a note as the branch's own login, as a build's tests would. */
    private static void write(BranchLease lease, String note) throws SQLException {
        try (Connection connection = ReadinessProbe.open(lease.connection(), lease.credential());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS run_notes (note text NOT NULL)");
            statement.execute("INSERT INTO run_notes VALUES ('" + note + "')");
        }
    }

    private static long count(BranchLease lease, String sql) throws SQLException {
        try (Connection connection = ReadinessProbe.open(lease.connection(), lease.credential());
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
