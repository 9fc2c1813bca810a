package io.dbbranch.testkit.lakebase;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.lakebase.LakebaseConfig;
import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lease's path through the provider, against the emulator and its real PostgreSQL. */
class LakebaseLeaseFlowTest {
    private final List<String> progress = new ArrayList<>();

    @AfterEach
    void resetEmulator() {
        TestLakebase.reset();
    }

    @Test
    void aBranchIsCreatedConnectedToWithItsTokenAndDeleted() throws Exception {
        LakebaseEmulator emulator = TestLakebase.emulator();
        emulator.tuning().endpointPolls(2);
        String name = TestLakebase.name("flow");
        try (LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build())) {
            BranchInfo branch = provider.createBranch(TestLakebase.request(name));
            ConnectionDetails connection = provider.awaitReady(branch, Duration.ofSeconds(30), progress::add);
            Credential credential = provider.mintCredential(branch, connection, Duration.ofMinutes(10));

            assertThat(branch.state()).isEqualTo(BranchState.READY);
            assertThat(branch.parent()).isEqualTo("main");
            assertThat(branch.labels().owner()).isEqualTo("test-owner");
            assertThat(connection.host()).isEqualTo("127.0.0.1");
            assertThat(connection.database()).isEqualTo(name);
            assertThat(progress).anyMatch(line -> line.contains("endpoint primary is INIT"));
            assertThat(credential.user()).isEqualTo(emulator.identities().clientId());
            assertThat(credential.password().reveal()).startsWith("eyJ");
            assertThat(credential.expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(9)),
                    Instant.now().plus(Duration.ofMinutes(11)));
            try (Connection db = connect(connection, credential); Statement sql = db.createStatement()) {
                try (ResultSet row = sql.executeQuery("SELECT text FROM greeting WHERE id = 1")) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1)).isEqualTo("hello from main");
                }
                sql.execute("CREATE TABLE made_in_branch (id int)");
                sql.execute("INSERT INTO greeting VALUES (2, 'only in the branch')");
            }

            assertThat(provider.deleteBranch(branch)).isTrue();
            assertThat(provider.findBranch(name)).isEmpty();
            assertThat(emulator.postgres().databaseExists(name)).isFalse();
            assertThat(provider.deleteBranch(branch)).isFalse();
        }
        try (Connection main = emulator.postgres().cluster().connectAdmin("main"); Statement sql = main.createStatement();
             ResultSet count = sql.executeQuery("SELECT count(*) FROM greeting")) {
            count.next();
            assertThat(count.getLong(1)).as("the parent is untouched").isEqualTo(1);
        }
    }

    @Test
    void aPersonalAccessTokenLogsInAsItsUser() throws Exception {
        LakebaseEmulator emulator = TestLakebase.emulator();
        LakebaseConfig config = TestLakebase.config()
                .servicePrincipal(null, null)
                .personalAccessToken(Secret.of(emulator.identities().personalAccessToken()), emulator.identities().patUser())
                .build();
        try (LakebaseProvider provider = new LakebaseProvider(config)) {
            BranchInfo branch = provider.createBranch(TestLakebase.request(TestLakebase.name("pat")));
            try {
                ConnectionDetails connection = provider.awaitReady(branch, Duration.ofSeconds(30), progress::add);
                Credential credential = provider.mintCredential(branch, connection, Duration.ofMinutes(5));
                try (Connection db = connect(connection, credential); Statement sql = db.createStatement();
                     ResultSet user = sql.executeQuery("SELECT current_user")) {
                    user.next();
                    assertThat(user.getString(1)).isEqualTo("demo@example.com");
                }
            } finally {
                provider.deleteBranch(branch);
            }
        }
    }

    @Test
    void expiryIsExtendedAndListingFollowsPagesAndFiltersByPrefix() {
        LakebaseEmulator emulator = TestLakebase.emulator();
        emulator.tuning().maxPageSize(1).operationPolls(0);
        String prefix = TestLakebase.name("list") + "-";
        try (LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build())) {
            BranchInfo first = provider.createBranch(TestLakebase.request(prefix + "a"));
            BranchInfo second = provider.createBranch(TestLakebase.request(prefix + "b"));
            try {
                Instant later = Instant.now().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
                provider.extendExpiry(first, later);

                List<BranchInfo> listed = provider.listBranches(prefix);

                assertThat(listed).extracting(BranchInfo::name).containsExactly(prefix + "a", prefix + "b");
                assertThat(listed.get(0).expiresAt()).isEqualTo(later);
                assertThat(listed.get(0).labels().expiresAt()).isEqualTo(later);
                assertThat(provider.listBranches("")).extracting(BranchInfo::name).contains("main", prefix + "a");
                assertThat(provider.findBranch("main").orElseThrow().labels()).as("not ours").isNull();
            } finally {
                provider.deleteBranch(first);
                provider.deleteBranch(second);
            }
        }
    }

    static Connection connect(ConnectionDetails connection, Credential credential) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", credential.user());
        properties.setProperty("password", credential.password().reveal());
        return DriverManager.getConnection(connection.jdbcUrl(), properties);
    }
}
