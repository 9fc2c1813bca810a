package io.dbbranch.engine.restore;

import io.dbbranch.engine.migration.MigrationTarget;
import io.dbbranch.engine.migration.RecordedRestorePoint;
import io.dbbranch.engine.migration.RestorePointLog;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.ParentAccess;
import io.dbbranch.engine.spi.PointInTime;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The names of the restore points recorded on a branch (by {@code migrateUpstream}, just before it changed the
 * parent), read from the branch's {@link RestorePointLog} through the provider's owner access, so that a restore can be
 * asked for "before that migration" by name. Knows no names where the provider gives no owner access.
 */
public final class RecordedRestorePoints implements RestorePointResolver {
    private static final Duration LOGIN = Duration.ofMinutes(5);

    private final BranchProvider provider;
    private final String branch;

    /** The names recorded on {@code branch} of {@code provider}. */
    public RecordedRestorePoints(BranchProvider provider, String branch) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.branch = Objects.requireNonNull(branch, "branch");
    }

    @Override
    public Optional<PointInTime> resolve(String name) {
        Optional<ParentAccess> access = provider.parentAccess(branch, LOGIN);
        if (access.isEmpty()) {
            return Optional.empty();
        }
        MigrationTarget owner = MigrationTarget.of(access.get().connection(), access.get().credential()).withLabel(branch);
        return new RestorePointLog(owner).find(name).map(RecordedRestorePoint::pointInTime);
    }
}
