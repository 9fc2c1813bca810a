package io.dbbranch.bench;

import io.dbbranch.bench.report.Goal;
import io.dbbranch.bench.report.Report;
import io.dbbranch.bench.speed.SpeedBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
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

            Common options: --out <dir> for the reports (default bench/target/reports, or target/reports
            when run inside bench/).
            """;

    private Main() {
    }

    public static void main(String[] arguments) {
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
        Path out = args.path("out", defaultOut());
        Report report;
        switch (args.command()) {
            case "speed" -> {
                args.allow(Set.of("sizes", "runs", "seed", "fsync", "work", "out"));
                report = new SpeedBenchmark(new SpeedBenchmark.Options(args.integers("sizes", List.of(60, 600)),
                        args.integer("runs", 5), args.number("seed", 42), args.flag("fsync", true), work(args)),
                        Main::log).run(args.commandLine());
            }
            case "help", "--help", "-h" -> {
                System.out.println(HELP);
                return 0;
            }
            default -> throw new IllegalArgumentException("unknown command '" + args.command() + "'");
        }
        Path written = report.write(out);
        log("wrote " + written + " and " + report.name() + ".json");
        for (Goal goal : report.goals()) {
            log((goal.met() ? "goal met:    " : "goal MISSED: ") + goal.goal() + " (" + goal.actual() + ")");
        }
        return 0;
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
