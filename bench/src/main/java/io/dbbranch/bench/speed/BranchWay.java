package io.dbbranch.bench.speed;

import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.Progress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * (a) Our way: a {@link BranchLease} on the local provider of the migrated, loaded parent, measured up to the
 * moment it hands out a credential that has logged in. Removal is the lease's teardown.
 */
final class BranchWay implements ReadyDatabaseWay {
    private final LocalProvider provider;
    private final String parent;
    private final Path secrets;

    BranchWay(LocalProvider provider, String parent, Path secrets) {
        this.provider = provider;
        this.parent = parent;
        this.secrets = secrets;
    }

    @Override
    public String key() {
        return "branch";
    }

    @Override
    public String label() {
        return "(a) dbbranch branch";
    }

    @Override
    public ReadyDatabase make(String name) {
        LeaseSpec spec = LeaseSpec.builder(parent).name(name).owner(SpeedBenchmark.OWNER).secretsDirectory(secrets).build();
        long start = System.nanoTime();
        BranchLease lease = BranchLease.open(provider, spec, Progress.SILENT);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new ReadyDatabase(lease.connection().database(), elapsed, lease.timings(), () -> lease.teardown().elapsed());
    }
}
