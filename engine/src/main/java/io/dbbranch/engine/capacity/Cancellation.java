package io.dbbranch.engine.capacity;

/**
 * Tells a waiting lease that nobody wants it any more (an aborted build), for front ends that cannot interrupt the
 * waiting thread. A waiter also stops when its thread is interrupted; either way it leaves the queue at once.
 */
@FunctionalInterface
public interface Cancellation {
    /** Never cancelled: only an interrupt stops the wait. */
    Cancellation NONE = () -> false;

    boolean isCancelled();
}
