package io.dbbranch.bench.support;

import java.util.List;

/**
 * What a benchmark measured on one {@link Setup}, or why it skipped it.
 *
 * @param setup          {@link Setup#label()}
 * @param fileSystem     the file system the clusters were on, e.g. {@code xfs (loop-mounted image, reflink=1, direct I/O)}
 * @param server         the server's version, e.g. {@code 18.1}
 * @param clonesFiles    whether files were cloned: a branch's ({@code file_copy_method = clone}) in the speed
 *                       benchmark, base backups' and restores' in the point-in-time one
 * @param skippedBecause why this setup was not measured here, or {@code null}
 * @param results        the benchmark's figures, one per size (and variant)
 */
public record SetupResult<R>(String setup, String fileSystem, String server, boolean clonesFiles, String skippedBecause,
                             List<R> results) {

    public SetupResult {
        results = List.copyOf(results);
    }

    public static <R> SetupResult<R> skipped(Setup setup, String because) {
        return new SetupResult<>(setup.label(), null, null, false, because, List.of());
    }

    public boolean measured() {
        return skippedBecause == null;
    }

    /** {@code ext4 (…), PostgreSQL 17.9, files copied}. */
    public String describe() {
        return measured() ? fileSystem + ", PostgreSQL " + server + ", files " + (clonesFiles ? "cloned" : "copied")
                : "skipped: " + skippedBecause;
    }
}
