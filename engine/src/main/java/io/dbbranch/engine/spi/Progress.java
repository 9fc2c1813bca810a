package io.dbbranch.engine.spi;

/**
 * Where long-running work reports what it is doing ("waiting for endpoint ep-1 to become ACTIVE, 3.2 s"),
 * so front ends can show it in the console. Messages never contain secrets.
 */
@FunctionalInterface
public interface Progress {
    /** A progress sink that drops everything. */
    Progress SILENT = message -> { };

    void report(String message);
}
