package io.dbbranch.bench.masking;

import io.dbbranch.bench.data.DataSize;
import io.dbbranch.bench.data.ShopData;
import io.dbbranch.bench.data.ShopDataGenerator;
import io.dbbranch.bench.data.ShopLoader;
import io.dbbranch.bench.data.ShopSchema;
import io.dbbranch.bench.report.Report;
import io.dbbranch.bench.report.Samples;
import io.dbbranch.bench.speed.SpeedBenchmark;
import io.dbbranch.bench.support.BenchServer;
import io.dbbranch.engine.data.BranchData;
import io.dbbranch.engine.data.BranchDataResult;
import io.dbbranch.engine.data.masking.MaskingFile;
import io.dbbranch.engine.data.masking.MaskingRules;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.DataPreparation;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a data policy costs: time to a ready lease on the local provider of the shop data with full data, schema-only,
 * masked (the masking file {@code masking.yml} next to the migrations), and full data of a parent masked once
 * beforehand (the recommended setup for large databases). The four take turns within each round.
 */
public final class MaskingBenchmark {
    static final String OWNER = "bench@dbbranch";
    static final List<String> WAYS = List.of("full", "schema-only", "masked", "of-masked-parent");

    /** The figures of one size: lease times per way, the masked parent's making, what masking did. */
    public record SizeResult(int targetMb, long databaseBytes, long rows, Map<String, Samples.Summary> elapsed,
                             Map<String, Double> ratioToFull, double maskedParentMs, double maskingStepMedianMs,
                             long maskedRows, List<BranchDataResult.TableOutcome> masked) {
    }

    private final SpeedBenchmark.Options options;
    private final Consumer<String> log;

    /** The same options as the speed benchmark's: sizes, runs, seed, fsync, work folder. */
    public MaskingBenchmark(SpeedBenchmark.Options options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    public Report run(String command) throws Exception {
        Report report = new Report("masking", "Time to a ready lease: full, schema-only and masked data, and a branch of a masked parent",
                command);
        List<SizeResult> results = new ArrayList<>();
        MaskingRules rules = rules();
        try (BenchServer server = BenchServer.start(options.work(), options.fsync() ? ClusterSettings.durable() : ClusterSettings.ephemeral())) {
            report.setting("PostgreSQL", server.version() + " (embedded, local provider)")
                    .setting("fsync", options.fsync() ? "on" : "off")
                    .setting("runs per way and size", options.runs())
                    .setting("data seed", options.seed());
            for (int megabytes : options.sizesMb()) {
                results.add(measure(server, new DataSize(megabytes), rules));
            }
        }
        MaskingReport.describe(report, results, options.runs());
        return report;
    }

    private SizeResult measure(BenchServer server, DataSize size, MaskingRules rules) throws Exception {
        log.accept("masking: generating and loading " + size + " of shop data");
        ShopData data = new ShopDataGenerator(size, options.seed()).generate();
        String parent = "shop-" + size.megabytes();
        server.createDatabase(parent);
        ShopSchema.migrate(server.cluster(), parent);
        try (Connection connection = server.connect(parent)) {
            ShopLoader.load(connection, data);
        }
        server.execute(parent, "VACUUM ANALYZE");
        LocalProvider provider = new LocalProvider(server.cluster(), OWNER);
        Path secrets = server.home().resolve("secrets");

        long started = System.nanoTime();
        BranchInfo maskedParent = maskedParent(provider, parent, rules);
        double maskedParentMs = (System.nanoTime() - started) / 1e6;
        log.accept(String.format("masking: %d MB masked parent made in %.0f ms", size.megabytes(), maskedParentMs));

        Map<String, LeaseSpec.Builder> ways = new LinkedHashMap<>();
        ways.put("full", LeaseSpec.builder(parent));
        ways.put("schema-only", LeaseSpec.builder(parent).data(BranchData.schemaOnly(List.of())));
        ways.put("masked", LeaseSpec.builder(parent).data(BranchData.masked(rules)));
        ways.put("of-masked-parent", LeaseSpec.builder(maskedParent.name()));
        BranchLease.open(provider, ways.get("masked").owner(OWNER).secretsDirectory(secrets).build(), Progress.SILENT).close();

        Map<String, Samples> elapsed = new LinkedHashMap<>();
        Samples maskingStep = new Samples();
        BranchDataResult lastMasked = null;
        for (int run = 1; run <= options.runs(); run++) {
            for (Map.Entry<String, LeaseSpec.Builder> way : ways.entrySet()) {
                server.settle();
                LeaseSpec spec = way.getValue().owner(OWNER).secretsDirectory(secrets).build();
                long start = System.nanoTime();
                try (BranchLease lease = BranchLease.open(provider, spec, Progress.SILENT)) {
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    elapsed.computeIfAbsent(way.getKey(), k -> new Samples()).add(took);
                    if (way.getKey().equals("masked")) {
                        maskingStep.add(lease.data().elapsed());
                        lastMasked = lease.data();
                    }
                    log.accept(String.format("masking: %d MB run %d %s: %d ms", size.megabytes(), run, way.getKey(), took.toMillis()));
                }
            }
        }
        provider.deleteBranch(maskedParent);
        long bytes = server.databaseBytes(parent);
        server.dropDatabase(parent);
        Map<String, Samples.Summary> summaries = new LinkedHashMap<>();
        Map<String, Double> ratios = new LinkedHashMap<>();
        double full = elapsed.get("full").median();
        elapsed.forEach((key, samples) -> {
            summaries.put(key, samples.summary());
            ratios.put(key, samples.median() / full);
        });
        return new SizeResult(size.megabytes(), bytes, data.totalRows(), summaries, ratios, maskedParentMs, maskingStep.median(),
                lastMasked.maskedRows(), lastMasked.tables());
    }

    /** {@code dbbranch create shop-N-masked --parent shop-N --data masked --masking masking.yml}, as the engine does it. */
    private static BranchInfo maskedParent(LocalProvider provider, String parent, MaskingRules rules) throws InterruptedException {
        Instant now = Instant.now();
        Labels labels = new Labels(OWNER, null, null, null, now, now.plus(Duration.ofDays(1)));
        BranchInfo branch = provider.createBranch(new CreateBranchRequest(parent + "-masked", parent, PointInTime.HEAD,
                labels.expiresAt(), labels));
        DataPreparation.apply(provider, branch, provider.awaitReady(branch, Duration.ofMinutes(5), Progress.SILENT),
                BranchData.masked(rules), false, Duration.ofMinutes(5), Progress.SILENT);
        return branch;
    }

    static MaskingRules rules() throws IOException {
        try (InputStream in = MaskingBenchmark.class.getResourceAsStream("/io/dbbranch/bench/masking.yml")) {
            return MaskingFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bench masking.yml");
        }
    }
}
