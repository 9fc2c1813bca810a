package io.dbbranch.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.host.XfsLoopMount;
import io.dbbranch.engine.postgres.DatabaseCopyMethod;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.testing.ScratchFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** A local provider on PostgreSQL 18 branches by plain copy on ordinary file systems and by cloning where it can. */
class Postgres18BranchTest {
    private static final String OWNER = "test@dbbranch";

    @Test
    void aPostgres18BranchOnTheDefaultFileSystemHoldsItsParentsRowsAndSaysHowItWasCopied() throws Exception {
        Path home = LocalHome.temporary("dbbranch-pg18-").path();
        String fileSystem = Files.getFileStore(home).type();
        DatabaseCopyMethod method = branchOnceIn(home);

        assertThat(method.majorVersion()).isEqualTo(18);
        assertThat(method.serverVersion()).startsWith("18.");
        if (fileSystem.startsWith("ext") || fileSystem.equals("tmpfs")) {
            assertThat(method.fileCopyMethod()).as("on " + fileSystem).isEqualTo("copy");
            assertThat(method.describe()).isEqualTo("PostgreSQL " + method.serverVersion() + ", files copied (file_copy_method = copy)");
        }
    }

    @Test
    void onAnXfsFileSystemWithReflinkAPostgres18BranchIsAClone() throws Exception {
        try (XfsLoopMount xfs = XfsLoopMountForTests.mountOrSkip()) {
            Path home = ServerAccount.current().letEnter(Files.createTempDirectory(xfs.mountPoint(), "home-"));
            DatabaseCopyMethod method = branchOnceIn(home);

            assertThat(method.clones()).isTrue();
            assertThat(method.describe()).endsWith("files cloned (file_copy_method = clone)");
        }
    }

    @Test
    void aClusterKeepsTheMajorVersionItWasCreatedWith() {
        LocalHome home = LocalHome.temporary("dbbranch-pg-version-");
        try {
            LocalCluster existing = new LocalCluster(home.clusterDirectory(), ClusterSettings.ephemeral().withMajor(PgMajor.V18));
            existing.initialize();

            LocalCluster reopened = new LocalCluster(existing.directory(), ClusterSettings.ephemeral());

            assertThat(reopened.major()).isEqualTo(PgMajor.V18);
            assertThatThrownBy(() -> new LocalCluster(existing.directory(),
                            ClusterSettings.ephemeral().withMajor(PgMajor.V17)))
                    .hasMessageContaining("that cluster was created with PostgreSQL 18")
                    .hasMessageContaining("Ask for 18 (or leave the version out)");
        } finally {
            ScratchFolders.delete(home.path());
        }
    }

    /** Starts a PostgreSQL 18 cluster in {@code home}, branches a parent of 1000 rows, checks the rows, stops it. */
    private static DatabaseCopyMethod branchOnceIn(Path home) throws SQLException, IOException {
        LocalCluster cluster = new LocalCluster(new LocalHome(home).clusterDirectory(),
                ClusterSettings.ephemeral().withMajor(PgMajor.V18));
        try {
            cluster.start();
            try (Connection admin = cluster.connectAdmin("postgres"); Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE parent");
            }
            try (Connection parent = cluster.connectAdmin("parent"); Statement statement = parent.createStatement()) {
                statement.execute("CREATE TABLE items AS SELECT g AS id FROM generate_series(1, 1000) g");
            }
            LocalProvider provider = new LocalProvider(cluster, OWNER);
            Instant now = Instant.now();
            BranchInfo branch = provider.createBranch(new CreateBranchRequest("pg18-branch", "parent", PointInTime.HEAD,
                    now.plus(1, ChronoUnit.HOURS), new Labels(OWNER, null, null, null, now, now.plus(1, ChronoUnit.HOURS))));
            try (Connection copy = cluster.connectAdmin(branch.name()); Statement statement = copy.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM items")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1000);
            }
            assertThat(provider.copyMethod().clones()).isEqualTo(cluster.clonesFiles());
            return provider.copyMethod();
        } finally {
            cluster.stop();
            ServerAccount.current().deleteTree(home);
        }
    }
}
