package io.dbbranch.bench.soak;

import io.dbbranch.bench.targets.Target;
import io.dbbranch.bench.targets.Targets;
import io.dbbranch.engine.spi.BranchProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The child JVM of the process-kill run ({@code soak-child}): runs leases as a build agent would, printing
 * {@code opened <name>} as each lease opens, until the parent kills it with SIGKILL.
 */
public final class SoakChild {

    /**
     * @param target        the target's name
     * @param parent        the branch to copy
     * @param prefix        the name prefix of the branches
     * @param leases        how many leases in all
     * @param concurrency   how many at once
     * @param expiryWindow  the leases' dead-man's switch
     * @param maxBodyMs     the longest a body holds its branch
     * @param seed          the seed of the body lengths
     * @param secrets       where password files go
     * @param targetOptions how to reach the target ({@link Target#childArguments})
     */
    public record Options(String target, String parent, String prefix, int leases, int concurrency, Duration expiryWindow,
                          long maxBodyMs, long seed, Path secrets, Map<String, String> targetOptions) {
        public Options {
            targetOptions = Map.copyOf(targetOptions);
        }

        /** The options as {@code soak-child} arguments, target options excluded. */
        List<String> arguments() {
            return List.of("soak-child", "--target", target, "--parent", parent, "--prefix", prefix,
                    "--leases", Integer.toString(leases), "--concurrency", Integer.toString(concurrency),
                    "--expiry-window-ms", Long.toString(expiryWindow.toMillis()), "--max-body-ms", Long.toString(maxBodyMs),
                    "--seed", Long.toString(seed), "--secrets", secrets.toString());
        }
    }

    private SoakChild() {
    }

    public static void run(Options options) throws Exception {
        exitWithParent();
        SplittableRandom random = new SplittableRandom(options.seed());
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), SoakRun.daemon("child-lease"));
        try (BranchProvider provider = Targets.connect(options.target(), options.targetOptions())) {
            LeaseWorkload workload = new LeaseWorkload(provider, options.parent(), options.secrets(), options.expiryWindow());
            List<Future<LeaseOutcome>> futures = new ArrayList<>();
            for (int i = 1; i <= options.leases(); i++) {
                String name = options.prefix() + "-" + i;
                long body = random.nextLong(options.maxBodyMs() + 1);
                futures.add(pool.submit(() -> workload.run(name, KillSwitch.never(), body, opened -> say("opened " + opened))));
            }
            for (Future<LeaseOutcome> future : futures) {
                LeaseOutcome outcome = future.get();
                say("ended " + outcome.name() + " " + outcome.result()
                        + (outcome.error() == null ? "" : " " + outcome.errorCode() + ": " + outcome.error()));
            }
            say("done");
        } finally {
            pool.shutdownNow();
        }
    }

    /** A child whose soak died must not run on: it follows its parent out. */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
    }

    private static void say(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
