package io.dbbranch.engine.crash;

import io.dbbranch.engine.StepHooks;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.postgres.PostgresConfig;
import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;
import java.nio.file.Path;

/**
 * The child JVM of {@link ProcessKillTest}: leases one branch and tears it down, halting (as if killed by
 * {@code SIGKILL}) at the step the system property {@value StepHooks#HALT_AT} names. Steps inside the provider are
 * marked by {@link StepHooks} in the engine; the lease's own ones are marked here: {@code lease.requested} (the lease
 * announced, nothing made), {@code lease.ready} (credential minted, password file written) and {@code lease.body}.
 *
 * <p>Arguments: {@code local|postgres}, the test cluster's directory, the owner, the parent, the branch name, the
 * secrets directory; for {@code postgres} also the admin role, whose password is in {@code DBBRANCH_TEST_ADMIN_PASSWORD}.
 */
public final class KilledLease {
    private KilledLease() {
    }

    public static void main(String[] args) {
        LocalCluster cluster = new LocalCluster(Path.of(args[1]), ClusterSettings.ephemeral());
        String owner = args[2];
        BranchProvider provider = "local".equals(args[0]) ? new LocalProvider(cluster, owner)
                : new PostgresProvider(new PostgresConfig("127.0.0.1", cluster.start(), "postgres", args[6],
                Secret.of(System.getenv("DBBRANCH_TEST_ADMIN_PASSWORD")), "disable", null, owner));
        LeaseSpec spec = LeaseSpec.builder(args[3]).name(args[4]).owner(owner).secretsDirectory(Path.of(args[5])).build();
        Progress halting = message -> {
            if (message.startsWith("creating branch ")) {
                StepHooks.reached("lease.requested");
            } else if (message.startsWith("branch " + args[4] + " is ready")) {
                StepHooks.reached("lease.ready");
            }
        };
        try (BranchLease lease = BranchLease.open(provider, spec, halting)) {
            StepHooks.reached("lease.body");
        }
        System.exit(0);
    }
}
