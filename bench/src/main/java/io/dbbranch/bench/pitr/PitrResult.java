package io.dbbranch.bench.pitr;

import io.dbbranch.bench.report.Samples;
import java.util.List;

/**
 * The restores of one size and base-backup placement.
 *
 * @param targetMb      the data size asked for
 * @param databaseBytes the database's actual size
 * @param baseBackup    {@code after-load} (a recent base backup: little WAL to replay) or {@code before-load} (the
 *                      data arrives by WAL replay)
 * @param baseBackupMs  how long taking the base backup took, when this scenario took one (else NaN)
 * @param elapsed       time to a verified recovery branch
 * @param gap           requested moment minus restore point
 * @param exactRuns     restores that reached exactly the requested commit
 * @param runs          every restore
 */
record PitrResult(int targetMb, long databaseBytes, String baseBackup, double baseBackupMs, Samples.Summary elapsed,
                  Samples.Summary gap, int exactRuns, List<PitrRun> runs) {
}
