package io.dbbranch.engine.spi;

import java.util.Optional;

/**
 * Numbered slots that every process reaching the same server sees, held by a live session: a process that dies
 * loses its slots with its connection, so nothing is ever left taken. The capacity gate ({@code engine.capacity})
 * uses them to keep "at most N live branches of this owner" true across CLI processes and controllers; PostgreSQL
 * servers offer them as session advisory locks ({@link BranchProvider#sharedSlots()}).
 */
public interface SharedSlots {

    /**
     * Takes one of the slots {@code 1..count} of {@code scope} if one is free, without waiting.
     *
     * @param scope whose slots these are (the owner), so that owners sharing a server do not share a limit
     * @return the slot taken, released by {@link Held#close()}; empty when every slot is held by someone else
     */
    Optional<Held> tryTake(String scope, int count);

    /** A slot held until closed (or until the process dies). */
    interface Held extends AutoCloseable {
        /** Which slot, from 1. */
        int number();

        /** Releases the slot; never throws (a lost connection has released it already). */
        @Override
        void close();
    }
}
