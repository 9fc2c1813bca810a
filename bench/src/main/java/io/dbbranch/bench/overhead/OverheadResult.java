package io.dbbranch.bench.overhead;

/**
 * What the overhead benchmark found for one emulator.
 *
 * @param target     the emulator
 * @param sequential leases one at a time
 * @param concurrent leases many at once
 * @param heap       the heap figures
 */
record OverheadResult(String target, Phase sequential, Phase concurrent, Heap heap) {

    /**
     * The JVM's heap, in bytes. The emulator runs in the same JVM, so its bookkeeping is included: an upper bound
     * for the engine.
     *
     * @param baselineBytes   live heap before the concurrent phase
     * @param peakBytes       the most in use during the concurrent phase (garbage included)
     * @param heldLeases      leases held open at once for the next figure
     * @param liveHeldBytes   live heap with those leases open
     * @param perLeaseBytes   (live with leases open − baseline) ÷ leases held
     */
    record Heap(long baselineBytes, long peakBytes, int heldLeases, long liveHeldBytes, double perLeaseBytes) {
    }
}
