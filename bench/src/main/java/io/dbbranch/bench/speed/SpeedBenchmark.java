package io.dbbranch.bench.speed;

import io.dbbranch.bench.data.DataSize;
import io.dbbranch.bench.data.ShopData;
import io.dbbranch.bench.data.ShopDataGenerator;
import io.dbbranch.bench.data.ShopParent;
import io.dbbranch.bench.report.Report;
import io.dbbranch.bench.report.Samples;
import io.dbbranch.bench.support.BenchFileSystem;
import io.dbbranch.bench.support.BenchServer;
import io.dbbranch.bench.support.Setup;
import io.dbbranch.bench.support.SetupResult;
import io.dbbranch.bench.support.SetupRuns;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.local.PgMajor;
import io.dbbranch.engine.spi.Progress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Time to a ready, migrated database with production-shaped data, three ways side by side on one embedded
 * server and the same generated data: (a) a dbbranch branch of a migrated parent, (b) a fresh database with
 * every migration and a data load, (c) a logical copy of every table from the parent. The ways take turns
 * within each round so that drift in the machine's load hits them alike; a checkpoint and a file-system sync before
 * each measured run keep one run from paying for the previous one's writes and removals.
 */
public final class SpeedBenchmark {
    static final String OWNER = "bench@dbbranch";

    /**
     * @param sizesMb the data sizes, in MB of database
     * @param runs    measured runs per way and size
     * @param seed    the data generator's seed
     * @param fsync   whether the server runs durable (as the local provider does for users) or with fsync off
     * @param work    where the server's folder goes
     * @param setups  the file systems and PostgreSQL versions measured side by side, one server each
     * @param ways    the ways measured ({@code branch}, {@code fresh}, {@code copy}, {@code template}); the branch always
     * @param baselineRuns how many of the runs include (b) and (c), which take a minute each at 600 MB (at most
     *                {@code runs}); the branch and the bare copy take part in every run
     */
    public record Options(List<Integer> sizesMb, int runs, long seed, boolean fsync, Path work, List<Setup> setups,
                          Set<String> ways, int baselineRuns) {
        public Options {
            sizesMb = List.copyOf(sizesMb);
            setups = List.copyOf(setups);
            ways = new LinkedHashSet<>(ways);
            ways.add("branch");
            ways = Set.copyOf(ways);
            if (sizesMb.isEmpty() || runs < 1 || setups.isEmpty()) {
                throw new IllegalArgumentException("give at least one size, one run and one setup");
            }
        }

        /** One setup: the work folder's file system and the default PostgreSQL; every way. */
        public Options(List<Integer> sizesMb, int runs, long seed, boolean fsync, Path work) {
            this(sizesMb, runs, seed, fsync, work, List.of(new Setup(BenchFileSystem.DEFAULT, PgMajor.DEFAULT)),
                    Set.of("branch", "fresh", "copy", "template"), runs);
        }
    }

    private final Options options;
    private final Consumer<String> log;
    /** The data of each size, generated once for all setups, and how long that took. */
    private final Map<Integer, ShopData> generated = new HashMap<>();
    private final Map<Integer, Double> generateMillis = new HashMap<>();

    public SpeedBenchmark(Options options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    public Report run(String command) throws Exception {
        Report report = new Report("speed", "Time to a ready, migrated database: branch vs. fresh load vs. logical copy", command);
        report.setting("fsync", options.fsync() ? "on (as the local provider runs for users)" : "off")
                .setting("runs per way and size", options.runs())
                .setting("data seed", options.seed());
        SpeedReport.describe(report, SetupRuns.measureEach(options.setups(), "speed", log, this::measure), options);
        return report;
    }

    private SetupResult<SizeResult> measure(Setup setup) throws Exception {
        ClusterSettings settings = (options.fsync() ? ClusterSettings.durable() : ClusterSettings.ephemeral())
                .withMajor(setup.major());
        try (BenchFileSystem fileSystem = BenchFileSystem.open(setup.fileSystem(), options.work(),
                BenchFileSystem.imageBytesFor(options.sizesMb()));
             BenchServer server = BenchServer.start(fileSystem.work(), settings)) {
            boolean clones = server.cluster().clonesFiles();
            log.accept("speed: " + setup.label() + " on " + fileSystem.describe() + ", branches "
                    + (clones ? "cloned" : "copied"));
            List<SizeResult> results = new ArrayList<>();
            for (int megabytes : options.sizesMb()) {
                results.add(measure(server, new DataSize(megabytes)));
            }
            return new SetupResult<>(setup.label(), fileSystem.describe(), server.version(), clones, null, results);
        }
    }

    private SizeResult measure(BenchServer server, DataSize size) throws Exception {
        ShopData data = generated.get(size.megabytes());
        if (data == null) {
            log.accept("speed: generating " + size + " of shop data (seed " + options.seed() + ")");
            long started = System.nanoTime();
            data = new ShopDataGenerator(size, options.seed()).generate();
            generated.put(size.megabytes(), data);
            generateMillis.put(size.megabytes(), millisSince(started));
        }
        double generateMs = generateMillis.get(size.megabytes());

        String parent = "shop-" + size.megabytes();
        log.accept("speed: building the parent " + parent + " (" + data.totalRows() + " rows)");
        long start = System.nanoTime();
        ShopParent.build(server, parent, data);
        double parentBuildMs = millisSince(start);
        long databaseBytes = server.databaseBytes(parent);
        Map<String, Long> expected = data.rowCounts();
        verify(server, parent, expected);

        LocalProvider provider = new LocalProvider(server.cluster(), OWNER);
        Path secrets = server.home().resolve("secrets");
        warmUp(provider, parent, secrets);
        List<ReadyDatabaseWay> ways = new ArrayList<>(List.of(new BranchWay(provider, parent, secrets),
                new FreshLoadWay(server, data), new LogicalCopyWay(server, parent, data.tableNames()),
                new TemplateCopyWay(server, parent)));
        ways.removeIf(way -> !options.ways().contains(way.key()));
        Map<String, Samples> elapsed = new LinkedHashMap<>();
        Map<String, Samples> removal = new LinkedHashMap<>();
        Map<String, Map<String, Samples>> steps = new LinkedHashMap<>();
        for (int run = 1; run <= options.runs(); run++) {
            for (ReadyDatabaseWay way : ways) {
                boolean baseline = way.key().equals("fresh") || way.key().equals("copy");
                if (baseline && run > options.baselineRuns()) {
                    continue;
                }
                server.settle();
                ReadyDatabase made = way.make("bench-" + way.key() + "-" + size.megabytes() + "-" + run);
                log.accept(String.format("speed: %s MB run %d %s: %d ms", size.megabytes(), run, way.label(),
                        made.elapsed().toMillis()));
                verify(server, made.database(), expected);
                removal.computeIfAbsent(way.key(), k -> new Samples()).add(made.removal().remove());
                elapsed.computeIfAbsent(way.key(), k -> new Samples()).add(made.elapsed());
                made.steps().forEach((step, time) -> steps.computeIfAbsent(way.key(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(step, k -> new Samples()).add(time));
            }
        }
        server.dropDatabase(parent);
        return result(size, databaseBytes, data, generateMs, parentBuildMs, elapsed, steps, removal);
    }

    /** One untimed lease, so that the first measured one does not pay for class loading. */
    private static void warmUp(LocalProvider provider, String parent, Path secrets) {
        LeaseSpec spec = LeaseSpec.builder(parent).namePrefix("warmup").owner(OWNER).secretsDirectory(secrets).build();
        BranchLease.open(provider, spec, Progress.SILENT).close();
    }

    private static SizeResult result(DataSize size, long databaseBytes, ShopData data, double generateMs, double parentBuildMs,
                                     Map<String, Samples> elapsed, Map<String, Map<String, Samples>> steps,
                                     Map<String, Samples> removal) {
        Map<String, Samples.Summary> elapsedSummary = new LinkedHashMap<>();
        Map<String, Double> ratios = new LinkedHashMap<>();
        double branchMedian = elapsed.get("branch").median();
        elapsed.forEach((key, samples) -> {
            elapsedSummary.put(key, samples.summary());
            ratios.put(key, samples.median() / branchMedian);
        });
        Map<String, Map<String, Double>> stepMedians = new LinkedHashMap<>();
        steps.forEach((key, byStep) -> {
            Map<String, Double> medians = new LinkedHashMap<>();
            byStep.forEach((step, samples) -> medians.put(step, samples.median()));
            stepMedians.put(key, medians);
        });
        Map<String, Samples.Summary> removalSummary = new LinkedHashMap<>();
        removal.forEach((key, samples) -> removalSummary.put(key, samples.summary()));
        return new SizeResult(size.megabytes(), databaseBytes, data.totalRows(), data.csvBytes(), generateMs, parentBuildMs,
                elapsedSummary, stepMedians, removalSummary, ratios);
    }

    private static void verify(BenchServer server, String database, Map<String, Long> expected) throws SQLException {
        Map<String, Long> actual = server.rowCounts(database, List.copyOf(expected.keySet()));
        if (!actual.equals(expected)) {
            throw new IllegalStateException("database " + database + " holds " + actual + " rows, expected " + expected);
        }
    }

    static Duration drop(BenchServer server, String database) throws SQLException {
        long start = System.nanoTime();
        server.dropDatabase(database);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
