package io.dbbranch.testkit.lakebase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.ServerAccount;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The emulator's branches of the past, through the provider: LSNs, refusals, branches of them, restarts. */
class LakebasePointInTimeTest {

    @AfterEach
    void resetEmulator() {
        TestLakebase.reset();
    }

    @Test
    void aBranchAtAnLsnHasWhatWasWrittenBeforeItAndReportsTheLsnReached() throws Exception {
        try (LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build())) {
            Source source = Source.of(provider, TestLakebase.name("lsn-source"), "main");
            BranchInfo branch = null;
            try {
                String lsn = source.query("SELECT pg_current_wal_insert_lsn()::text");
                source.execute("DELETE FROM final_entities WHERE id % 2 = 0");

                branch = provider.createBranch(at(TestLakebase.name("lsn"), source.branch.name(), PointInTime.atLsn(lsn)));

                assertThat(branch.restorePoint().lsn()).isNotNull();
                assertThat(Long.compareUnsigned(new PointInTime.AtLsn(branch.restorePoint().lsn()).position(),
                        new PointInTime.AtLsn(lsn).position())).isLessThanOrEqualTo(0);
                assertThat(provider.findBranch(branch.name()).orElseThrow().restorePoint()).isEqualTo(branch.restorePoint());
                // A plain branch names its source's point too, but was not made at one: no restore point.
                assertThat(source.branch.restorePoint()).isNull();
                assertThat(provider.findBranch(source.branch.name()).orElseThrow().restorePoint()).isNull();
                assertThat(count(provider, branch)).isEqualTo(32);
                assertThat(source.query("SELECT count(*) FROM final_entities")).isEqualTo("16");
            } finally {
                if (branch != null) {
                    provider.deleteBranch(branch);
                }
                provider.deleteBranch(source.branch);
            }
        }
    }

    @Test
    void momentsBeforeTheSourceExistedAndLsnsNotWrittenYetAreRefusedWith400() throws Exception {
        try (LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build())) {
            Instant beforeSource = Instant.now();
            Source source = Source.of(provider, TestLakebase.name("young"), "main");
            String tooEarlyName = TestLakebase.name("too-early");
            String unwrittenName = TestLakebase.name("unwritten");
            try {
                DbBranchException tooEarly = catchThrowableOfType(DbBranchException.class, () -> provider.createBranch(
                        at(tooEarlyName, source.branch.name(), PointInTime.at(beforeSource))));
                DbBranchException unwritten = catchThrowableOfType(DbBranchException.class, () -> provider.createBranch(
                        at(unwrittenName, source.branch.name(), PointInTime.atLsn("FFFFFF/0"))));

                assertThat(tooEarly.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                assertThat(tooEarly.getMessage()).contains("HTTP 400", "did not exist at " + beforeSource);
                assertThat(unwritten.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                assertThat(unwritten.getMessage()).contains("HTTP 400", "is in the future");
                assertThat(provider.findBranch(tooEarlyName)).isEmpty();
                assertThat(provider.findBranch(unwrittenName)).isEmpty();
            } finally {
                provider.deleteBranch(source.branch);
            }
        }
    }

    @Test
    void aBranchOfThePastAndBranchesOfItShareItsServerWhichGoesWithTheLastAndAreFoundAgainAfterARestart()
            throws Exception {
        Path home = ServerAccount.current().letEnter(Files.createTempDirectory("dbbranch-lakebase-restart"));
        LakebaseEmulator.Options options = LakebaseEmulator.Options.in(home).withSettings(ClusterSettings.ephemeral());
        String restoredName;
        String childName;
        try {
            try (LakebaseEmulator emulator = LakebaseEmulator.start(options);
                 LakebaseProvider provider = new LakebaseProvider(TestLakebase.config(emulator).build())) {
                Source source = Source.of(provider, TestLakebase.name("restart-source"), "main");
                BranchInfo restored = provider.createBranch(at(TestLakebase.name("restart"), source.branch.name(),
                        PointInTime.at(Instant.now())));
                BranchInfo child = provider.createBranch(TestLakebase.request(TestLakebase.name("child"), restored.name()));
                restoredName = restored.name();
                childName = child.name();

                assertThat(count(provider, child)).isEqualTo(32);
                assertThat(endpoint(provider, child).port()).isEqualTo(endpoint(provider, restored).port())
                        .isNotEqualTo(emulator.postgresPort());
            }
            try (LakebaseEmulator emulator = LakebaseEmulator.start(options);
                 LakebaseProvider provider = new LakebaseProvider(TestLakebase.config(emulator).build())) {
                BranchInfo restored = provider.findBranch(restoredName).orElseThrow();

                BranchInfo child = provider.findBranch(childName).orElseThrow();

                assertThat(emulator.branchIds()).as("main, the source, the restored branch and its child, once each")
                        .hasSize(4).contains(childName).containsOnlyOnce("main");
                assertThat(restored.restorePoint().lsn()).isNotNull();
                assertThat(count(provider, restored)).isEqualTo(32);
                assertThat(provider.deleteBranch(restored)).isTrue();
                assertThat(count(provider, child)).as("its server stays for the child").isEqualTo(32);
                assertThat(provider.deleteBranch(child)).isTrue();
                assertThat(home.resolve("history").resolve("recovery").resolve(restoredName)).as("gone with the last")
                        .doesNotExist();
            }
        } finally {
            TestLakebase.delete(home);
        }
    }

    private static CreateBranchRequest at(String name, String parent, PointInTime point) {
        CreateBranchRequest head = TestLakebase.request(name, parent);
        return new CreateBranchRequest(name, parent, point, head.expiresAt(), head.labels());
    }

    private static ConnectionDetails endpoint(LakebaseProvider provider, BranchInfo branch) {
        return provider.awaitReady(branch, Duration.ofSeconds(30), Progress.SILENT);
    }

    private static long count(LakebaseProvider provider, BranchInfo branch) throws Exception {
        ConnectionDetails connection = endpoint(provider, branch);
        Credential credential = provider.mintCredential(branch, connection, Duration.ofMinutes(10));
        try (Connection db = LakebaseLeaseFlowTest.connect(connection, credential); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM final_entities")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A branch with 32 rows in {@code final_entities}, written through its own credential. */
    private record Source(BranchInfo branch, ConnectionDetails connection, Credential credential) {
        static Source of(LakebaseProvider provider, String name, String parent) throws Exception {
            BranchInfo branch = provider.createBranch(TestLakebase.request(name, parent));
            ConnectionDetails connection = endpoint(provider, branch);
            Source source = new Source(branch, connection, provider.mintCredential(branch, connection, Duration.ofMinutes(10)));
            source.execute("CREATE TABLE final_entities (id bigint PRIMARY KEY)",
                    "INSERT INTO final_entities SELECT generate_series(1, 32)");
            return source;
        }

        void execute(String... statements) throws Exception {
            try (Connection db = LakebaseLeaseFlowTest.connect(connection, credential); Statement sql = db.createStatement()) {
                for (String statement : statements) {
                    sql.execute(statement);
                }
            }
        }

        /** The first value the query returns, as text. */
        String query(String select) throws Exception {
            try (Connection db = LakebaseLeaseFlowTest.connect(connection, credential); Statement statement = db.createStatement();
                 ResultSet result = statement.executeQuery(select)) {
                result.next();
                return result.getString(1);
            }
        }
    }
}
