package io.dbbranch.bench.speed;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A database one {@link ReadyDatabaseWay} made, with how long that took to the moment a build could connect.
 *
 * @param database the database's name
 * @param elapsed  the measured time, from the request to a usable database
 * @param steps    the time of each step, in order
 * @param removal  removes the database again (not part of the measured time)
 */
record ReadyDatabase(String database, Duration elapsed, Map<String, Duration> steps, Removal removal) {

    /** Removes a made database and says how long that took. */
    @FunctionalInterface
    interface Removal {
        Duration remove() throws Exception;
    }

    ReadyDatabase {
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }
}
