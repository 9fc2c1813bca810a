package io.dbbranch.engine.http;

import java.time.Duration;

/** How waits between attempts are spent; tests substitute one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    /** Really sleeps. */
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
