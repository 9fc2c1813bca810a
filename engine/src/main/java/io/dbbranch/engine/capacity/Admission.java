package io.dbbranch.engine.capacity;

import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.SharedSlots;
import java.util.function.Supplier;

/**
 * The place a lease won at the {@link CapacityGate}: its slot in this process and, where the server has them, a shared
 * slot across processes. Held until {@link #close()}: the lease closes it after its branch is deleted (or kept), or
 * when the branch could not be made. Closing twice is harmless; close never throws.
 */
public final class Admission implements AutoCloseable {
    private final CapacityGate gate;
    private final BranchSlot local;
    private final SharedSlots.Held shared;
    private final long deadline;
    private final Cancellation cancellation;

    Admission(CapacityGate gate, BranchSlot local, SharedSlots.Held shared, long deadline, Cancellation cancellation) {
        this.gate = gate;
        this.local = local;
        this.shared = shared;
        this.deadline = deadline;
        this.cancellation = cancellation;
    }

    /**
     * Runs {@code create}; while the service refuses it for its quota, reclaims this owner's expired branches and
     * tries again until the gate's deadline, then fails with {@code TIMEOUT} (or, with a wait of 0, the refusal itself).
     *
     * @param waiter who waits, as the messages name it
     */
    public BranchInfo create(String waiter, Supplier<BranchInfo> create) {
        return gate.create(create, waiter, deadline, cancellation);
    }

    /** Whether a shared slot across processes is held (PostgreSQL servers, with a limit). */
    public boolean holdsSharedSlot() {
        return shared != null;
    }

    @Override
    public void close() {
        try {
            if (shared != null) {
                shared.close();
            }
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }
}
