package io.dbbranch.engine.lease;

import io.dbbranch.engine.capacity.Admission;
import io.dbbranch.engine.capacity.Cancellation;
import io.dbbranch.engine.capacity.CapacityGate;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;
import java.time.Clock;

/**
 * The lease's one seam to {@code engine.capacity}: waits at the {@link CapacityGate} for the spec's
 * {@link LeaseSpec#capacity() capacity}, reclaiming the owner's expired branches with the {@link Reaper} when the
 * service refuses for its quota. The waiter is named after the build (job and number) where there is one.
 */
public final class LeaseAdmission {
    private LeaseAdmission() {
    }

    static Admission admit(BranchProvider provider, LeaseSpec spec, String name, Progress progress) {
        return new CapacityGate(provider, spec.capacity(), spec.owner(), reclaimer(provider, spec.owner()), progress)
                .admit(waiter(spec, name), false, Cancellation.NONE);
    }

    /**
     * Reclaims {@code owner}'s expired branches, oldest first, with the {@link Reaper} (never another owner's, never a
     * live one), for a {@link CapacityGate} outside a lease such as {@code dbbranch create}'s.
     */
    public static CapacityGate.Reclaimer reclaimer(BranchProvider provider, String owner) {
        return progress -> new Reaper(provider, owner, Reaper.BuildLiveness.UNKNOWN, Clock.systemUTC())
                .reap("", false, false, progress).deleted().size();
    }

    private static String waiter(LeaseSpec spec, String name) {
        if (spec.job() == null) {
            return name;
        }
        return spec.job() + (spec.build() == null ? "" : " #" + spec.build());
    }
}
