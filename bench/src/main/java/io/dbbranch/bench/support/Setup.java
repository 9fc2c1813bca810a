package io.dbbranch.bench.support;

import io.dbbranch.engine.local.PgMajor;
import java.util.ArrayList;
import java.util.List;

/**
 * One combination a benchmark measures side by side with the others: a file system ({@link BenchFileSystem}) and a
 * PostgreSQL major version.
 *
 * @param fileSystem {@code default} or {@code xfs-loop}
 * @param major      the embedded PostgreSQL's major version
 */
public record Setup(String fileSystem, PgMajor major) {

    /** Every combination of {@code fileSystems} and {@code majors}, file system first. */
    public static List<Setup> all(List<String> fileSystems, List<String> majors) {
        List<Setup> setups = new ArrayList<>();
        for (String fileSystem : fileSystems) {
            BenchFileSystem.unavailableBecause(fileSystem);
            for (String major : majors) {
                setups.add(new Setup(fileSystem, PgMajor.of(major)));
            }
        }
        if (setups.isEmpty()) {
            throw new IllegalArgumentException("give at least one --fs and one --pg-versions");
        }
        return setups;
    }

    /** {@code xfs-loop, PostgreSQL 18}. */
    public String label() {
        return fileSystem + ", PostgreSQL " + major.number();
    }
}
