package io.dbbranch.engine.capacity;

import java.time.Instant;

/** A place among the branches a connection allows, held until closed. Closing twice is harmless; close never throws. */
public interface BranchSlot extends AutoCloseable {
    /** Who holds it (a build, or a CLI run). */
    String holder();

    /** Since when. */
    Instant since();

    @Override
    void close();
}
