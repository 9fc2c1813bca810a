package io.dbbranch.bench.pitr;

import io.dbbranch.bench.data.DataSize;
import io.dbbranch.bench.data.ShopData;
import io.dbbranch.bench.data.ShopDataGenerator;
import io.dbbranch.bench.data.ShopLoader;
import io.dbbranch.bench.data.ShopSchema;
import io.dbbranch.bench.report.Report;
import io.dbbranch.bench.report.Samples;
import io.dbbranch.bench.support.BenchFileSystem;
import io.dbbranch.bench.support.Setup;
import io.dbbranch.bench.support.SetupResult;
import io.dbbranch.bench.support.SetupRuns;
import io.dbbranch.bench.support.WorkFolders;
import io.dbbranch.bench.targets.Target;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.local.pitr.PitrSettings;
import io.dbbranch.engine.restore.Expectation;
import io.dbbranch.engine.restore.PointInTimeRestore;
import io.dbbranch.engine.restore.RestoreRequest;
import io.dbbranch.engine.restore.RestoreResult;
import io.dbbranch.engine.restore.Verification;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Point-in-time restore on the local provider: the time from the request to a verified recovery branch, and
 * whether the branch stops at exactly the last commit before the requested moment. The shop data is loaded into
 * an archiving cluster; between restores a ledger commits a row every few tens of milliseconds, and each restore
 * asks for a moment just after one of those commits and verifies that the branch holds it and nothing later.
 */
public final class PitrBenchmark {
    static final String DATABASE = "shop";
    private static final int COMMITS = 6;
    private static final int TARGET_COMMIT = 2;
    private static final long PAUSE_MILLIS = 40;

    /**
     * @param sizesMb     the data sizes
     * @param runs        restores per size and base-backup placement
     * @param seed        the data generator's seed
     * @param fsync       durable server (as for users) or fsync off
     * @param beforeLoad  also measure with the base backup taken before the data was loaded (all of it replayed)
     * @param work        where the clusters go
     * @param setups      the file systems and PostgreSQL versions measured side by side
     */
    public record Options(List<Integer> sizesMb, int runs, long seed, boolean fsync, boolean beforeLoad, Path work,
                          List<Setup> setups) {
        public Options {
            sizesMb = List.copyOf(sizesMb);
            setups = List.copyOf(setups);
        }
    }

    private final Options options;
    private final Consumer<String> log;

    public PitrBenchmark(Options options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    public Report run(String command) throws Exception {
        Report report = new Report("pitr", "Point-in-time restore on the local provider", command);
        PitrReport.describe(report, SetupRuns.measureEach(options.setups(), "pitr", log, this::measure), options);
        return report;
    }

    private SetupResult<PitrResult> measure(Setup setup) throws Exception {
        List<PitrResult> results = new ArrayList<>();
        String fileSystemText;
        String server = null;
        boolean clones = false;
        try (BenchFileSystem fileSystem = BenchFileSystem.open(setup.fileSystem(), options.work(),
                BenchFileSystem.imageBytesFor(options.sizesMb()))) {
            fileSystemText = fileSystem.describe();
            for (int megabytes : options.sizesMb()) {
                Measured measured = measure(new DataSize(megabytes), fileSystem.work(), setup);
                results.addAll(measured.results());
                server = measured.server();
                clones = measured.clones();
            }
        }
        log.accept("pitr: " + setup.label() + " on " + fileSystemText + ", files " + (clones ? "cloned" : "copied"));
        return new SetupResult<>(setup.label(), fileSystemText, server, clones, null, results);
    }

    /** The restores of one size on one setup, the server's version and whether it cloned files. */
    private record Measured(List<PitrResult> results, String server, boolean clones) {
    }

    private Measured measure(DataSize size, Path work, Setup setup) throws Exception {
        ShopData data = new ShopDataGenerator(size, options.seed()).generate();
        Path home = WorkFolders.create(work, "pitr-");
        ClusterSettings settings = (options.fsync() ? ClusterSettings.durable() : ClusterSettings.ephemeral())
                .withMajor(setup.major());
        // Opening makes the cluster and its first base backup: history starts before any data.
        LocalProvider provider = LocalProvider.open(new LocalHome(home), settings, PitrSettings.defaults(), Target.OWNER);
        try {
            LocalCluster cluster = provider.cluster();
            log.accept("pitr: loading " + size + " into an archiving cluster");
            execute(cluster, "postgres", "CREATE DATABASE " + DATABASE);
            ShopSchema.migrate(cluster, DATABASE);
            try (Connection connection = cluster.connectAdmin(DATABASE)) {
                ShopLoader.load(connection, data);
            }
            execute(cluster, DATABASE, "VACUUM ANALYZE");
            Ledger.create(cluster, DATABASE);
            long bytes;
            try (Connection connection = cluster.connectAdmin("postgres"); Statement statement = connection.createStatement();
                 var result = statement.executeQuery("SELECT pg_database_size('" + DATABASE + "')")) {
                result.next();
                bytes = result.getLong(1);
            }
            List<PitrResult> results = new ArrayList<>();
            if (options.beforeLoad()) {
                results.add(restores(provider, size, bytes, "before-load", Double.NaN));
            }
            long started = System.nanoTime();
            provider.history().orElseThrow().takeBaseBackup();
            double backupMs = (System.nanoTime() - started) / 1e6;
            results.add(restores(provider, size, bytes, "after-load", backupMs));
            // Base backups and restores are copied with cp --reflink=auto: cloned wherever the file system can, on 17 too.
            return new Measured(results, provider.copyMethod().serverVersion(), provider.cluster().fileSystemClones());
        } finally {
            try {
                provider.cluster().stop();
            } finally {
                WorkFolders.delete(home);
            }
        }
    }

    private PitrResult restores(LocalProvider provider, DataSize size, long bytes, String baseBackup, double backupMs)
            throws Exception {
        log.accept("pitr: " + size + ", base backup " + baseBackup + ": 1 warm-up and " + options.runs() + " restores");
        restoreOnce(provider);
        Samples elapsed = new Samples();
        Samples gaps = new Samples();
        List<PitrRun> runs = new ArrayList<>();
        for (int run = 0; run < options.runs(); run++) {
            PitrRun measured = restoreOnce(provider);
            runs.add(measured);
            if (measured.restorePoint() != null) {
                elapsed.addMillis(measured.elapsedMs());
            }
            if (!Double.isNaN(measured.gapMs())) {
                gaps.addMillis(measured.gapMs());
            }
            log.accept(String.format("pitr: %s, %s, run %d: %.0f ms, %s", size, baseBackup, run + 1, measured.elapsedMs(),
                    measured.exact() ? "exact commit, " + Math.round(measured.gapMs()) + " ms before the requested moment"
                            : "NOT exact: " + measured.error()));
        }
        int exact = (int) runs.stream().filter(PitrRun::exact).count();
        return new PitrResult(size.megabytes(), bytes, baseBackup, backupMs, elapsed.summary(), gaps.summary(), exact, runs);
    }

    /** Commits a few ledger rows, restores to just after one of them, checks, deletes the recovery branch. */
    private static PitrRun restoreOnce(LocalProvider provider) throws SQLException, InterruptedException {
        Ledger.Commits commits = Ledger.commit(provider.cluster(), DATABASE, COMMITS, PAUSE_MILLIS);
        Instant requested = commits.justAfter(TARGET_COMMIT);
        long expectedRows = commits.idOf(TARGET_COMMIT);
        RestoreRequest request = RestoreRequest.builder(DATABASE, PointInTime.at(requested)).owner(Target.OWNER)
                .verify(new Verification("SELECT count(*) FROM " + Ledger.TABLE, Expectation.equalTo(expectedRows)))
                .keepFor(Duration.ofHours(1)).build();
        long started = System.nanoTime();
        RestoreResult result;
        try {
            result = new PointInTimeRestore(provider).restore(request, Progress.SILENT);
        } catch (DbBranchException e) {
            double ms = (System.nanoTime() - started) / 1e6;
            if (e.code() != ErrorCode.VERIFICATION_FAILED) {
                throw e;
            }
            return new PitrRun(ms, requested.toString(), null, Double.NaN, false, e.getMessage());
        }
        try {
            Instant reached = result.restorePoint().time();
            double gapMs = reached == null ? Double.NaN : Duration.between(reached, requested).toNanos() / 1e6;
            // The branch stops at the last commit at or before the moment: commit k returned before it, k + 1 after.
            boolean inside = reached != null && !reached.isAfter(requested)
                    && reached.isBefore(commits.returnedAt().get(TARGET_COMMIT + 1));
            return new PitrRun(result.elapsed().toNanos() / 1e6, requested.toString(), String.valueOf(result.restorePoint()),
                    gapMs, inside, inside ? null : "restore point " + result.restorePoint() + " is not the commit before " + requested);
        } finally {
            provider.deleteBranch(result.branch());
        }
    }

    private static void execute(LocalCluster cluster, String database, String sql) throws SQLException {
        try (Connection connection = cluster.connectAdmin(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
