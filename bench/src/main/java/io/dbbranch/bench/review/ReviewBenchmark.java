package io.dbbranch.bench.review;

import io.dbbranch.bench.data.DataSize;
import io.dbbranch.bench.data.ShopData;
import io.dbbranch.bench.data.ShopDataGenerator;
import io.dbbranch.bench.data.ShopParent;
import io.dbbranch.bench.report.Report;
import io.dbbranch.bench.report.Samples;
import io.dbbranch.bench.speed.SpeedBenchmark;
import io.dbbranch.bench.support.BenchServer;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.migration.AppliedMigration;
import io.dbbranch.engine.migration.MigrationOptions;
import io.dbbranch.engine.migration.MigrationReport;
import io.dbbranch.engine.migration.MigrationTarget;
import io.dbbranch.engine.migration.Migrator;
import io.dbbranch.engine.review.MigrationReview;
import io.dbbranch.engine.review.ReviewOptions;
import io.dbbranch.engine.review.ReviewReport;
import io.dbbranch.engine.spi.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the migration review adds to a migration run. The same six realistic migrations (a nullable column, an index
 * built concurrently, a one-statement backfill, a constraint added NOT VALID, then validated in a migration of its own,
 * and a type change that rewrites a table) are applied to a fresh branch of the same shop parent, once plainly and once under
 * {@link MigrationReview} with the default options, the two taking turns (which goes first alternates per round) so
 * that drift in the machine's load hits both alike; a checkpoint and a file-system sync before each run keep one from
 * paying for the previous one's writes. Branch creation and teardown are not timed: only the migration run is.
 */
public final class ReviewBenchmark {
    static final String OWNER = "bench@dbbranch";
    static final String MIGRATIONS = "classpath:io/dbbranch/bench/review-migrations";

    private final SpeedBenchmark.Options options;
    private final ReviewOptions reviewOptions;
    private final Consumer<String> log;

    /**
     * @param options      the sizes, runs per mode, seed, fsync and work folder, as for the speed benchmark
     * @param lockSampling how often the review samples {@code pg_locks}
     */
    public ReviewBenchmark(SpeedBenchmark.Options options, Duration lockSampling, Consumer<String> log) {
        this.options = options;
        this.reviewOptions = ReviewOptions.defaults().withLockSampleInterval(lockSampling);
        this.log = log;
    }

    public Report run(String command) throws Exception {
        Report report = new Report("review", "What the migration review adds to a migration run", command);
        List<ReviewSizeResult> results = new ArrayList<>();
        ClusterSettings settings = options.fsync() ? ClusterSettings.durable() : ClusterSettings.ephemeral();
        try (BenchServer server = BenchServer.start(options.work(), settings)) {
            report.setting("PostgreSQL", server.version() + " (embedded, local provider branches)")
                    .setting("fsync", options.fsync() ? "on (as the local provider runs for users)" : "off")
                    .setting("runs per mode and size", options.runs())
                    .setting("lock sampling", reviewOptions.lockSampleInterval().toMillis() + " ms (default "
                            + ReviewOptions.DEFAULT_SAMPLE_MS + " ms)")
                    .setting("data seed", options.seed());
            for (int megabytes : options.sizesMb()) {
                results.add(measure(server, new DataSize(megabytes)));
            }
        }
        ReviewOverheadReport.describe(report, results);
        return report;
    }

    private ReviewSizeResult measure(BenchServer server, DataSize size) throws Exception {
        log.accept("review: generating " + size + " of shop data (seed " + options.seed() + ")");
        ShopData data = new ShopDataGenerator(size, options.seed()).generate();
        String parent = "shop-review-" + size.megabytes();
        log.accept("review: building the parent " + parent + " (" + data.totalRows() + " rows)");
        ShopParent.build(server, parent, data);
        long databaseBytes = server.databaseBytes(parent);

        LocalProvider provider = new LocalProvider(server.cluster(), OWNER);
        Path secrets = server.home().resolve("secrets");
        Map<Mode, Samples> totals = new LinkedHashMap<>();
        Map<Mode, Map<String, Samples>> perMigration = new LinkedHashMap<>();
        ReviewReport lastReview = null;
        for (int run = 0; run <= options.runs(); run++) { // run 0 warms up both modes and is not counted
            List<Mode> order = run % 2 == 0 ? List.of(Mode.PLAIN, Mode.REVIEWED) : List.of(Mode.REVIEWED, Mode.PLAIN);
            for (Mode mode : order) {
                server.settle();
                Outcome outcome = migrateOnBranch(provider, parent, secrets, mode, "bench-review-" + size.megabytes() + "-" + run + mode.key);
                log.accept(String.format("review: %s MB run %d %s: %.0f ms", size.megabytes(), run, mode.key, outcome.totalMs));
                if (run == 0) {
                    continue;
                }
                totals.computeIfAbsent(mode, k -> new Samples()).addMillis(outcome.totalMs);
                for (AppliedMigration applied : outcome.migration.applied()) {
                    perMigration.computeIfAbsent(mode, k -> new LinkedHashMap<>())
                            .computeIfAbsent(applied.script(), k -> new Samples()).add(applied.duration());
                }
                if (outcome.review != null) {
                    lastReview = outcome.review;
                }
            }
        }
        server.dropDatabase(parent);
        return ReviewSizeResult.of(size.megabytes(), databaseBytes, data.totalRows(), totals, perMigration, lastReview);
    }

    /** Leases a fresh branch, migrates it (timed) as the branch's own role, and tears it down. */
    private Outcome migrateOnBranch(LocalProvider provider, String parent, Path secrets, Mode mode, String name) {
        LeaseSpec spec = LeaseSpec.builder(parent).name(name).owner(OWNER).secretsDirectory(secrets).build();
        try (BranchLease lease = BranchLease.open(provider, spec, Progress.SILENT)) {
            MigrationTarget target = MigrationTarget.of(lease.connection(), lease.credential()).withLabel(name);
            MigrationOptions migrations = MigrationOptions.builder().location("classpath:io/dbbranch/bench/migrations")
                    .location(MIGRATIONS).build();
            Migrator migrator = new Migrator(target, migrations, ReviewBenchmark.class.getClassLoader());
            long start = System.nanoTime();
            if (mode == Mode.PLAIN) {
                MigrationReport report = migrator.migrate();
                return new Outcome((System.nanoTime() - start) / 1e6, report, null);
            }
            ReviewReport review = new MigrationReview(migrator, reviewOptions).run();
            double elapsed = (System.nanoTime() - start) / 1e6;
            if (review.failure() != null) {
                throw new IllegalStateException("a benchmark migration failed under review: " + review.failure().message());
            }
            return new Outcome(elapsed, review.migration(), review);
        }
    }

    /** Without or with the review. */
    enum Mode {
        PLAIN("plain"), REVIEWED("reviewed");

        final String key;

        Mode(String key) {
            this.key = key;
        }
    }

    private record Outcome(double totalMs, MigrationReport migration, ReviewReport review) {
    }
}
