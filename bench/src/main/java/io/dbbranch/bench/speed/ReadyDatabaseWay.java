package io.dbbranch.bench.speed;

/** One way a build gets its own ready, migrated database holding the production-shaped data. */
interface ReadyDatabaseWay {

    /** A short key for the JSON report: {@code branch}, {@code fresh} or {@code copy}. */
    String key();

    /** What the reader sees, e.g. "(a) dbbranch branch". */
    String label();

    /** Makes a database named {@code name} and measures it. */
    ReadyDatabase make(String name) throws Exception;
}
