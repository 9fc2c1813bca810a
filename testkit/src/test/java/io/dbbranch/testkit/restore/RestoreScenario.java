package io.dbbranch.testkit.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.restore.Expectation;
import io.dbbranch.engine.restore.PointInTimeRestore;
import io.dbbranch.engine.restore.RestoreRequest;
import io.dbbranch.engine.restore.RestoreResult;
import io.dbbranch.engine.restore.Verification;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.HistoryWindow;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The reference scenario of point-in-time restore, written once and run on every provider through the SPI only: a
 * source branch with a table of 32 rows, a moment noted, every row deleted, and restores to that moment through
 * {@link PointInTimeRestore}. One source serves all steps; {@link #close()} deletes it. The table has a name of its
 * own, so the parent may hold anything.
 */
public final class RestoreScenario implements AutoCloseable {
    public static final String COUNT = "SELECT count(*) FROM restore_scenario";
    private static final Duration LOGIN_TTL = Duration.ofMinutes(30);

    private final BranchProvider provider;
    private final UnaryOperator<String> names;
    private final PointInTimeRestore restore;
    private final BranchInfo source;
    private final ConnectionDetails connection;
    private final Credential credential;
    private final Instant insertsStarted;
    private final Instant beforeDeletion;

    private RestoreScenario(BranchProvider provider, UnaryOperator<String> names, BranchInfo source,
                            ConnectionDetails connection, Credential credential, Instant insertsStarted,
                            Instant beforeDeletion) {
        this.provider = provider;
        this.names = names;
        this.restore = new PointInTimeRestore(provider);
        this.source = source;
        this.connection = connection;
        this.credential = credential;
        this.insertsStarted = insertsStarted;
        this.beforeDeletion = beforeDeletion;
    }

    /**
     * Branches {@code parent} into the source, writes 32 rows into it through its own login, notes the moment and
     * deletes them all.
     *
     * @param names makes a provider-valid branch name, unique in the run, from a stem such as {@code source}
     */
    public static RestoreScenario prepare(BranchProvider provider, String parent, UnaryOperator<String> names)
            throws SQLException {
        Instant now = Instant.now();
        Labels labels = new Labels("restore-scenario", null, null, null, now, now.plus(Duration.ofHours(1)));
        BranchInfo source = provider.createBranch(new CreateBranchRequest(names.apply("source"), parent, PointInTime.HEAD,
                labels.expiresAt(), labels));
        try {
            ConnectionDetails connection = provider.awaitReady(source, Duration.ofMinutes(1), Progress.SILENT);
            Credential credential = provider.mintCredential(source, connection, LOGIN_TTL);
            Instant insertsStarted;
            Instant beforeDeletion;
            try (Connection db = connect(connection, credential); Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE restore_scenario (id bigint PRIMARY KEY, name text NOT NULL)");
                insertsStarted = Instant.now();
                sql.execute("INSERT INTO restore_scenario SELECT g, 'entity ' || g FROM generate_series(1, 32) g");
                beforeDeletion = Instant.now();
                sql.execute("DELETE FROM restore_scenario");
            }
            return new RestoreScenario(provider, names, source, connection, credential, insertsStarted, beforeDeletion);
        } catch (SQLException | RuntimeException e) {
            provider.deleteBranch(source);
            throw e;
        }
    }

    /**
     * Restores the source to just before the deletion: the recovery branch has the 32 rows, the source still none, and
     * the restore point lies after the inserts began and before the deletion. The recovery branch is deleted after.
     *
     * @return the restore, for provider-specific checks (its branch is gone by then)
     */
    public RestoreResult recoveryBranchHasThe32RowsWhileTheSourceHasNone() throws SQLException {
        List<String> progress = new ArrayList<>();
        RestoreResult result = restore.restore(RestoreRequest.builder(source.name(), PointInTime.at(beforeDeletion))
                .name(names.apply("undo")).verify(new Verification(COUNT, Expectation.equalTo(32))).build(), progress::add);
        try {
            assertThat(result.verification().met()).isTrue();
            assertThat(count(result.connection(), result.credential())).isEqualTo(32);
            assertThat(count(connection, credential)).as("the source is untouched").isZero();
            assertThat(result.restorePoint().time()).as("restore point").isAfterOrEqualTo(insertsStarted)
                    .isBeforeOrEqualTo(beforeDeletion);
            assertThat(result.restorePoint().lsn()).isNotNull();
            assertThat(result.branch().parent()).isEqualTo(source.name());
            assertThat(progress).last().asString().contains("restored " + result.branch().name(), "verified");
        } finally {
            provider.deleteBranch(result.branch());
        }
        assertThat(provider.findBranch(result.branch().name())).isEmpty();
        return result;
    }

    /** A moment before the history window and one in the future are refused, naming the window; nothing is made. */
    public void momentsOutsideTheHistoryWindowAreRefusedLeavingNothingBehind() {
        HistoryWindow window = provider.historyWindow(source.name());
        assertThat(window.earliest()).as("the provider tells where its history starts").isNotNull();
        List<String> before = branchNames();
        String tooOld = names.apply("too-old");
        String future = names.apply("future");

        DbBranchException beforeWindow = refused(RestoreRequest.builder(source.name(),
                PointInTime.at(window.earliest().minusSeconds(60))).name(tooOld).build());
        DbBranchException inFuture = refused(RestoreRequest.builder(source.name(),
                PointInTime.at(Instant.now().plus(Duration.ofMinutes(10)))).name(future).build());

        assertThat(beforeWindow.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(beforeWindow.getMessage()).contains("is before the history window, which runs from ", " to now");
        assertThat(inFuture.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(inFuture.getMessage()).contains("is in the future", "history window");
        assertThat(provider.findBranch(tooOld)).isEmpty();
        assertThat(provider.findBranch(future)).isEmpty();
        assertThat(branchNames()).isSubsetOf(before);
    }

    /** A verification that is not met fails the restore with VERIFICATION_FAILED and deletes the recovery branch. */
    public void unmetVerificationFailsTheRestoreAndDeletesTheRecoveryBranch() {
        String name = names.apply("unmet");

        DbBranchException failure = refused(RestoreRequest.builder(source.name(), PointInTime.at(beforeDeletion)).name(name)
                .verify(new Verification(COUNT, Expectation.equalTo(33))).build());

        assertThat(failure.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
        assertThat(failure.getMessage()).contains(COUNT + " returned 32, expected = 33", "was deleted");
        assertThat(provider.findBranch(name)).isEmpty();
    }

    /** Asked to, a restore whose verification is not met keeps the recovery branch for inspection. */
    public void unmetVerificationKeepsTheRecoveryBranchWhenAsked() throws SQLException {
        String name = names.apply("kept");

        DbBranchException failure = refused(RestoreRequest.builder(source.name(), PointInTime.at(beforeDeletion)).name(name)
                .verify(new Verification(COUNT, Expectation.equalTo(33))).keepOnFailedVerification(true).build());

        BranchInfo kept = provider.findBranch(name).orElse(null);
        try {
            assertThat(failure.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
            assertThat(failure.getMessage()).contains("was kept for inspection");
            assertThat(kept).isNotNull();
            ConnectionDetails keptConnection = provider.awaitReady(kept, Duration.ofMinutes(1), Progress.SILENT);
            assertThat(count(keptConnection, provider.mintCredential(kept, keptConnection, LOGIN_TTL))).isEqualTo(32);
        } finally {
            if (kept != null) {
                provider.deleteBranch(kept);
            }
        }
    }

    /**
     * Restores the source in place to just before the deletion, keeping its present state as {@code preserved}: the
     * source has the 32 rows again and the kept branch none. This changes the source, so it needs a scenario of its
     * own; the kept branch is deleted after.
     */
    public RestoreResult restoredInPlaceKeepingThePresentAs(String preserved) throws SQLException {
        RestoreResult result = restore.restore(RestoreRequest.builder(source.name(), PointInTime.at(beforeDeletion))
                .replace(true, preserved).verify(new Verification(COUNT, Expectation.equalTo(32))).build(), Progress.SILENT);
        BranchInfo kept = provider.findBranch(preserved).orElse(null);
        try {
            assertThat(result.preservedAs()).isEqualTo(preserved);
            assertThat(result.branch().id()).as("the source itself was restored").isEqualTo(source.id());
            assertThat(count(result.connection(), result.credential())).isEqualTo(32);
            assertThat(result.restorePoint().time()).as("restore point").isAfterOrEqualTo(insertsStarted)
                    .isBeforeOrEqualTo(beforeDeletion);
            assertThat(kept).as("the present state is kept").isNotNull();
            ConnectionDetails keptConnection = provider.awaitReady(kept, Duration.ofMinutes(1), Progress.SILENT);
            assertThat(count(keptConnection, provider.mintCredential(kept, keptConnection, LOGIN_TTL))).isZero();
        } finally {
            if (kept != null) {
                provider.deleteBranch(kept);
            }
        }
        return result;
    }

    /** The source branch. */
    public BranchInfo source() {
        return source;
    }

    @Override
    public void close() {
        provider.deleteBranch(source);
    }

    /** The single number {@link #COUNT} returns on a branch, logged in with {@code login}. */
    public static long count(ConnectionDetails where, Credential login) throws SQLException {
        try (Connection db = connect(where, login); Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(COUNT)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static Connection connect(ConnectionDetails where, Credential login) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", login.user());
        properties.setProperty("password", login.password().reveal());
        return DriverManager.getConnection(where.jdbcUrl(), properties);
    }

    private DbBranchException refused(RestoreRequest request) {
        DbBranchException failure = catchThrowableOfType(DbBranchException.class, () -> restore.restore(request, Progress.SILENT));
        assertThat(failure).as("the restore is refused").isNotNull();
        return failure;
    }

    private List<String> branchNames() {
        return provider.listBranches("").stream().map(BranchInfo::name).toList();
    }
}
