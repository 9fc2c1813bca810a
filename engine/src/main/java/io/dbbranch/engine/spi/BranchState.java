package io.dbbranch.engine.spi;

/** The lifecycle state of a branch, normalised across providers. */
public enum BranchState {
    /** Being created or copied; not connectable yet. */
    CREATING,
    /** Usable. */
    READY,
    /** Archived by the provider; wakes on first use. */
    ARCHIVED,
    /** Being deleted or reset. */
    BUSY,
    /** A state this engine does not know. */
    UNKNOWN
}
