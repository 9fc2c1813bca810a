package io.dbbranch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import io.dbbranch.testkit.lakebase.LakebaseEmulator;
import io.dbbranch.testkit.neon.NeonEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four {@code dbbranch run} processes at once on a connection that allows two branches: all four succeed, never more
 * than two branches are alive, and the two that came later wait, saying so. The limit is ours across processes
 * ({@code --max-branches 2}: the PostgreSQL server's advisory-lock slots), or the service's own quota (the emulators'
 * {@code --max-branches 2}, answered with Lakebase's and Neon's quota errors, and no limit of ours).
 *
 * <p>Each command holds its branch until the test lets it go, after two commands hold one and the other two are seen
 * waiting: so the limit is really reached, whatever the speed of the machine.
 */
class CapacityCliTest {
    private static final int RUNS = 4;
    /** Generous: child JVMs start slowly on a busy machine. On a quiet one the whole class takes seconds. */
    private static final Duration BOUND = Duration.ofMinutes(3);

    @Test
    void fourRunsWithMaxBranchesTwoAllSucceedAndNeverHoldMoreThanTwo(@TempDir Path folder) throws Exception {
        String parent = TestProviders.parentWithEntities(1);
        String prefix = "capacity";
        IntSupplier alive = () -> (int) TestPostgres.queryLong("postgres",
                "SELECT count(*) FROM pg_catalog.pg_database WHERE datname LIKE '" + prefix + "-%'");

        int most = runFour(folder, Cli.postgres(), alive, "--parent", parent, "--name-prefix", prefix,
                "--max-branches", "2", "--wait", "3m");

        assertThat(most).as("branches alive at once, at most").isEqualTo(2);
        assertThat(alive.getAsInt()).as("all deleted").isZero();
    }

    @Test
    void fourRunsOnLakebaseWithItsQuotaOfTwoAllSucceed(@TempDir Path folder) throws Exception {
        LakebaseEmulator lakebase = Emulators.lakebase();
        fourRunsUnderTheServicesQuotaOfTwo(folder, Emulators.lakebaseEnvironment(), "caplakebase", lakebase::branchIds,
                LakebaseEmulator.DEFAULT_BRANCH, lakebase.tuning()::maxBranches);
    }

    @Test
    void fourRunsOnNeonWithItsQuotaOfTwoAllSucceed(@TempDir Path folder) throws Exception {
        NeonEmulator neon = Emulators.neon();
        fourRunsUnderTheServicesQuotaOfTwo(folder, Emulators.neonEnvironment(), "capneon", neon::branchNames,
                NeonEmulator.DEFAULT_BRANCH, neon.tuning()::maxBranches);
    }

    /** The emulator refuses a third branch as its service does ({@code --max-branches}); the runs set no limit. */
    private static void fourRunsUnderTheServicesQuotaOfTwo(Path folder, Map<String, String> environment, String prefix,
                                                           Supplier<List<String>> branches, String defaultBranch,
                                                           IntConsumer setLimit) throws Exception {
        IntSupplier alive = () -> (int) branches.get().stream().filter(name -> name.startsWith(prefix)).count();
        // Counted besides the default branch, as the service counts all: other tests' branches take their places.
        int others = (int) branches.get().stream().filter(name -> !name.equals(defaultBranch)).count();
        setLimit.accept(others + 2);
        try {
            int most = runFour(folder, environment, alive, "--parent", defaultBranch, "--name-prefix", prefix, "--wait", "3m");

            assertThat(most).as("branches alive at once, at most").isEqualTo(2);
            assertThat(alive.getAsInt()).as("all deleted").isZero();
        } finally {
            setLimit.accept(0);
        }
    }

    /**
     * Starts four runs whose commands hold their branch until a {@code go} file exists; once two hold one and two
     * are seen waiting, lets them go. Returns the most branches seen alive at once (sampled every 20 ms).
     */
    private static int runFour(Path folder, Map<String, String> environment, IntSupplier alive, String... options)
            throws Exception {
        Path go = folder.resolve("go");
        String body = "touch " + folder.resolve("holding") + ".$$ && while [ ! -e " + go + " ]; do sleep 0.05; done";
        AtomicInteger most = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                most.accumulateAndGet(alive.getAsInt(), Math::max);
                sleep(20);
            }
        }, "branch-sampler");
        sampler.start();
        List<ChildCli> runs = new ArrayList<>();
        try {
            for (int i = 1; i <= RUNS; i++) {
                List<String> args = new ArrayList<>(List.of("run"));
                args.addAll(List.of(options));
                args.addAll(List.of("--", "sh", "-c", body));
                runs.add(ChildCli.start(environment, folder.resolve("run-" + i + ".log"), args.toArray(String[]::new)));
            }
            awaitTwoHoldingTwoWaiting(folder, runs);
            Files.createFile(go);
            for (ChildCli run : runs) {
                assertThat(run.process().waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as(run.output()).isTrue();
                assertThat(run.process().exitValue()).as(run.output()).isZero();
            }
            assertThat(holding(folder)).as("every command ran").isEqualTo(RUNS);
        } finally {
            sampling.set(false);
            sampler.join();
            runs.forEach(ChildCli::destroy);
        }
        return most.get();
    }

    /** Fails (with every run's output) if a run ends first, or after {@link #BOUND} on a very busy machine. */
    private static void awaitTwoHoldingTwoWaiting(Path folder, List<ChildCli> runs) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (holding(folder) != 2
                || runs.stream().filter(run -> run.output().contains("waiting for a branch slot")).count() != 2) {
            if (System.nanoTime() > deadline || runs.stream().anyMatch(run -> !run.process().isAlive())) {
                throw new AssertionError("never two runs holding a branch and two waiting:\n"
                        + runs.stream().map(ChildCli::output).collect(Collectors.joining("\n----\n")));
            }
            Thread.sleep(50);
        }
    }

    private static long holding(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith("holding.")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
