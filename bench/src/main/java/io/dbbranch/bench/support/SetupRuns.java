package io.dbbranch.bench.support;

import io.dbbranch.bench.report.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Runs a benchmark once per {@link Setup}, and reports each, for the benchmarks that measure setups side by side. */
public final class SetupRuns {
    private SetupRuns() {
    }

    /** What a benchmark measures on one setup. */
    @FunctionalInterface
    public interface Measurement<R> {
        SetupResult<R> measure(Setup setup) throws Exception;
    }

    /** What a benchmark reports of one measured setup; {@code prefix} starts its headings and goals. */
    @FunctionalInterface
    public interface Description<R> {
        void describe(String prefix, SetupResult<R> setup);
    }

    /** Measures each setup in turn; one whose file system cannot be had here is skipped, saying why. */
    public static <R> List<SetupResult<R>> measureEach(List<Setup> setups, String benchmark, Consumer<String> log,
                                                       Measurement<R> measurement) throws Exception {
        List<SetupResult<R>> results = new ArrayList<>();
        for (Setup setup : setups) {
            Optional<String> unavailable = BenchFileSystem.unavailableBecause(setup.fileSystem());
            if (unavailable.isPresent()) {
                log.accept(benchmark + ": skipping " + setup.label() + ": " + unavailable.get());
                results.add(SetupResult.skipped(setup, unavailable.get()));
            } else {
                results.add(measurement.measure(setup));
            }
        }
        return results;
    }

    /**
     * Puts the setups into the report's results and settings, says why any was skipped, and has the rest described,
     * their headings and goals prefixed with the setup when there are several.
     */
    public static <R> void describeEach(Report report, List<SetupResult<R>> setups, Description<R> description) {
        report.result("setups", setups);
        boolean several = setups.size() > 1;
        for (SetupResult<R> setup : setups) {
            String prefix = several ? setup.setup() + ": " : "";
            if (!setup.measured()) {
                report.heading(prefix + "skipped").paragraph(setup.skippedBecause());
                continue;
            }
            report.setting(several ? setup.setup() : "file system and server", setup.describe());
            description.describe(prefix, setup);
        }
    }
}
