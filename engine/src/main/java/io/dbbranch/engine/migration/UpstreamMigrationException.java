package io.dbbranch.engine.migration;

/**
 * {@code migrateUpstream} stopped: the history diverged, the rehearsal failed, the parent changed under it, or
 * migrating the parent failed. {@link #report()} says how far it got (and, after a parent failure, the restore point
 * to go back to); {@link #partialReport()} is what was applied to the parent, usually nothing.
 */
public class UpstreamMigrationException extends MigrationFailedException {
    private static final long serialVersionUID = 1L;

    private final transient UpstreamReport report;

    public UpstreamMigrationException(String message, Throwable cause, UpstreamReport report, MigrationReport parentReport,
                                      String sqlState, String script) {
        super(message, cause, parentReport, sqlState, script);
        this.report = report;
    }

    /** How far the run got. */
    public UpstreamReport report() {
        return report;
    }
}
