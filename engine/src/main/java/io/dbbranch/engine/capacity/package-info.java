/**
 * Waiting for a branch slot: how many branches an owner may have alive on a connection, and what a lease does when
 * that many are ({@link io.dbbranch.engine.capacity.CapacityGate}).
 *
 * <p>For front ends:
 * <ul>
 *   <li>a lease waits by itself: give {@code LeaseSpec.builder(…).capacity(new Capacity("lakebase-prod", 2,
 *       Duration.ofMinutes(10)))}; the wait is reported through the lease's {@code Progress}, and an interrupt of the
 *       opening thread (an aborted build) ends it at once, holding nothing;</li>
 *   <li>to show the line (a build's status, an administrator's page), read
 *       {@link io.dbbranch.engine.capacity.BranchSlots#forConnection(String)}{@code .snapshot()}, or
 *       {@link io.dbbranch.engine.capacity.BranchSlots#snapshots()} for every connection used in this process;</li>
 *   <li>to hold a slot around something else than a lease, {@code BranchSlots.acquire(who, max, timeout, progress,
 *       cancellation)} returns an {@link io.dbbranch.engine.capacity.BranchSlot} to close.</li>
 * </ul>
 */
package io.dbbranch.engine.capacity;
