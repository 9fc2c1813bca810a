package io.dbbranch.bench.overhead;

/**
 * One measured lease, in nanoseconds.
 *
 * @param leaseNanos    open plus teardown, as the build waits for them
 * @param loginNanos    a bare login with the lease's credential and {@code SELECT 1}, measured in the body: what the
 *                      lease's own readiness login costs PostgreSQL and the driver, not the engine
 * @param serviceNanos  the emulator's time on the lease's API calls, seen from the proxy; -1 when leases overlapped
 *                      and calls cannot be told apart
 * @param calls         API calls the lease made; -1 when leases overlapped
 */
record LeaseTiming(long leaseNanos, long loginNanos, long serviceNanos, long calls) {
}
