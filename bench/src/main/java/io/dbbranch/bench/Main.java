package io.dbbranch.bench;

import io.dbbranch.bench.masking.MaskingBenchmark;
import io.dbbranch.bench.overhead.OverheadBenchmark;
import io.dbbranch.bench.pitr.PitrBenchmark;
import io.dbbranch.bench.report.Goal;
import io.dbbranch.bench.report.Report;
import io.dbbranch.bench.review.ReviewBenchmark;
import io.dbbranch.bench.soak.SoakBenchmark;
import io.dbbranch.bench.soak.SoakChild;
import io.dbbranch.bench.speed.SpeedBenchmark;
import io.dbbranch.bench.support.BenchFileSystem;
import io.dbbranch.bench.support.Setup;
import io.dbbranch.bench.targets.ServicePriority;
import io.dbbranch.bench.targets.Target;
import io.dbbranch.bench.targets.Targets;
import io.dbbranch.engine.http.HttpSettings;
import io.dbbranch.engine.local.PgMajor;
import io.dbbranch.engine.review.ReviewOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Runs one benchmark and writes its report ({@code <out>/<name>.md} and {@code .json}):
 *
 * <pre>
 * java -jar bench/target/dbbranch-bench.jar speed --sizes 60,600 --runs 5
 * </pre>
 *
 * Exit code 0 when the benchmark ran (goals missed are reported, not failed), 2 for a bad command line, 1 when
 * the benchmark itself broke.
 */
public final class Main {
    private static final String HELP = """
            dbbranch benchmarks: java -jar bench/target/dbbranch-bench.jar <command> [options]

              speed     time to a ready, migrated database: (a) branch, (b) fresh + migrate + load, (c) logical copy
                        --sizes 60,600  --runs 5  --seed 42  --fsync on|off  --work <dir>
                        --fs default,xfs-loop  --pg-versions 17,18 (every combination side by side; default: default, 17)
                        --ways branch,fresh,copy,template (the branch always)  --baseline-runs N (runs with (b), (c))
              pitr      time to a verified point-in-time recovery branch on the local provider, and its restore point
                        --sizes 60,600  --runs 5  --seed 42  --fsync on|off  --before-load true|false  --work <dir>
                        --fs default,xfs-loop  --pg-versions 17,18
              (--fs xfs-loop: a loop-mounted XFS with reflink made for the run and removed after; root and mkfs.xfs)
              review    what the migration review adds to a run of six realistic migrations on a fresh branch
                        --sizes 60,600  --runs 5  --lock-sample-ms 10  --seed 42  --fsync on|off  --work <dir>
              masking   time to a ready lease with full, schema-only and masked data, and of a masked parent
                        --sizes 60,600  --runs 5  --seed 42  --fsync on|off  --work <dir>
              overhead  what the engine adds per lease against the emulators (no injected latency), and its heap
                        --targets lakebase,neon  --warmup 20  --leases 100  --concurrent-leases 200  --concurrency 50
                        --max-connections 64 (the providers' HTTP pool; 64 is the product's default)
                        --service-nice 10 (the emulators' CPU priority; 0: the engine's own)
              soak      leases under injected API faults and interrupts, then a SIGKILLed JVM and the reaper
                        --targets lakebase,neon,local  --leases 500  --concurrency 50  --fault-rate 0.2
                        --kill-share 0.05  --kill-leases 100  --kill-concurrency 20  --expiry-window 10 (s)
                        --seed 42  --work <dir>

            Common options: --out <dir> for the reports (default bench/target/reports, or target/reports
            when run inside bench/).
            """;

    /**
     * The JDK's HTTP server (the emulators' and the fault proxy's) writes a response's headers and body in two TCP
     * segments; with Nagle's algorithm on, the body waits for the client's delayed ACK, about 40 ms a call on
     * loopback. That is the test server's cost, not the service's or the engine's, so it is switched off before
     * any server starts.
     */
    static final String LOOPBACK_HTTP_WITHOUT_NAGLE = "sun.net.httpserver.nodelay";

    private Main() {
    }

    public static void main(String[] arguments) {
        System.setProperty(LOOPBACK_HTTP_WITHOUT_NAGLE, "true");
        int exit;
        try {
            exit = run(Args.parse(arguments));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(HELP);
            exit = 2;
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    /** Runs the command and returns the exit code; the smoke tests call this (it never exits the JVM). */
    static int run(Args args) throws Exception {
        Report report = switch (args.command()) {
            case "speed" -> speed(args);
            case "pitr" -> pitr(args);
            case "review" -> review(args);
            case "masking" -> masking(args);
            case "overhead" -> overhead(args);
            case "soak" -> soak(args);
            case "soak-child" -> {
                soakChild(args);
                yield null;
            }
            case "help", "--help", "-h" -> {
                System.out.println(HELP);
                yield null;
            }
            default -> throw new IllegalArgumentException("unknown command '" + args.command() + "'");
        };
        if (report != null) {
            Path written = report.write(args.path("out", defaultOut()));
            log("wrote " + written + " and " + report.name() + ".json");
            for (Goal goal : report.goals()) {
                log((goal.met() ? "goal met:    " : "goal MISSED: ") + goal.goal() + " (" + goal.actual() + ")");
            }
        }
        return 0;
    }

    private static Report speed(Args args) throws Exception {
        args.allow(Set.of("sizes", "runs", "seed", "fsync", "work", "out", "fs", "pg-versions", "ways", "baseline-runs"));
        int runs = args.integer("runs", 5);
        return new SpeedBenchmark(new SpeedBenchmark.Options(args.integers("sizes", List.of(60, 600)), runs,
                args.number("seed", 42), args.flag("fsync", true), work(args), setups(args),
                Set.of(args.text("ways", "branch,fresh,copy,template").split(",")), args.integer("baseline-runs", runs)),
                Main::log).run(args.commandLine());
    }

    private static Report pitr(Args args) throws Exception {
        args.allow(Set.of("sizes", "runs", "seed", "fsync", "before-load", "work", "out", "fs", "pg-versions"));
        return new PitrBenchmark(new PitrBenchmark.Options(args.integers("sizes", List.of(60, 600)), args.integer("runs", 5),
                args.number("seed", 42), args.flag("fsync", true), args.flag("before-load", true), work(args), setups(args)),
                Main::log).run(args.commandLine());
    }

    /** {@code --fs} × {@code --pg-versions}. */
    private static List<Setup> setups(Args args) {
        return Setup.all(List.of(args.text("fs", BenchFileSystem.DEFAULT).split(",")),
                List.of(args.text("pg-versions", String.valueOf(PgMajor.DEFAULT.number())).split(",")));
    }

    private static Report review(Args args) throws Exception {
        args.allow(Set.of("sizes", "runs", "lock-sample-ms", "seed", "fsync", "work", "out"));
        return new ReviewBenchmark(new SpeedBenchmark.Options(args.integers("sizes", List.of(60, 600)), args.integer("runs", 5),
                args.number("seed", 42), args.flag("fsync", true), work(args)),
                Duration.ofMillis(args.integer("lock-sample-ms", (int) ReviewOptions.DEFAULT_SAMPLE_MS)), Main::log)
                .run(args.commandLine());
    }

    private static Report masking(Args args) throws Exception {
        args.allow(Set.of("sizes", "runs", "seed", "fsync", "work", "out"));
        return new MaskingBenchmark(new SpeedBenchmark.Options(args.integers("sizes", List.of(60, 600)), args.integer("runs", 5),
                args.number("seed", 42), args.flag("fsync", true), work(args)), Main::log).run(args.commandLine());
    }

    private static Report overhead(Args args) throws Exception {
        args.allow(Set.of("targets", "warmup", "leases", "concurrent-leases", "concurrency", "max-connections", "work", "service-nice", "out"));
        return new OverheadBenchmark(new OverheadBenchmark.Options(List.of(args.text("targets", "lakebase,neon").split(",")),
                args.integer("warmup", 20), args.integer("leases", 100), args.integer("concurrent-leases", 200),
                args.integer("concurrency", 50), args.integer("max-connections", HttpSettings.defaults().maxConnections()),
                work(args), ServicePriority.nice(args.integer("service-nice", 10))), Main::log).run(args.commandLine());
    }

    private static Report soak(Args args) throws Exception {
        args.allow(Set.of("targets", "leases", "concurrency", "fault-rate", "kill-share", "kill-leases", "kill-concurrency",
                "expiry-window", "seed", "work", "out"));
        return new SoakBenchmark(new SoakBenchmark.Options(List.of(args.text("targets", String.join(",", Targets.ALL)).split(",")),
                args.integer("leases", 500), args.integer("concurrency", 50), args.decimal("fault-rate", 0.2),
                args.decimal("kill-share", 0.05), args.integer("kill-leases", 100), args.integer("kill-concurrency", 20),
                Duration.ofSeconds(args.integer("expiry-window", 10)), args.number("seed", 42), work(args)), Main::log)
                .run(args.commandLine());
    }

    /** The child JVM of the soak's process-kill run; the options it does not know say how to reach the target. */
    private static void soakChild(Args args) throws Exception {
        Set<String> own = Set.of("target", "parent", "prefix", "leases", "concurrency", "expiry-window-ms", "max-body-ms",
                "seed", "secrets");
        SoakChild.run(new SoakChild.Options(args.text("target", "local"), args.text("parent", null),
                args.text("prefix", Target.NAME_PREFIX + "kill"), args.integer("leases", 100), args.integer("concurrency", 20),
                Duration.ofMillis(args.number("expiry-window-ms", 10_000)), args.number("max-body-ms", 2_000),
                args.number("seed", 42), args.path("secrets", null), args.others(own)));
    }

    private static Path work(Args args) {
        return args.path("work", Path.of(System.getProperty("java.io.tmpdir"), "dbbranch-bench"));
    }

    private static Path defaultOut() {
        return Files.isDirectory(Path.of("bench")) ? Path.of("bench", "target", "reports") : Path.of("target", "reports");
    }

    static void log(String message) {
        System.out.println("[bench] " + message);
    }
}
