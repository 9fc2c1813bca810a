package io.dbbranch.bench.pitr;

/**
 * One measured restore.
 *
 * @param elapsedMs    from the request to a recovery branch that accepted its login and passed the verification
 * @param requested    the moment asked for
 * @param restorePoint the last commit the branch holds, as the provider reports it (null when the restore failed)
 * @param gapMs        requested moment minus the restore point: how far before the request the branch stops
 * @param exact        whether the branch holds exactly the commits up to the requested moment, and none after
 * @param error        why the restore failed or was not exact, or null
 */
record PitrRun(double elapsedMs, String requested, String restorePoint, double gapMs, boolean exact, String error) {
}
