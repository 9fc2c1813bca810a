package io.dbbranch.engine.migration;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;

/**
 * A migration (or the validation before it) failed. Carries what was applied before the failure, the failing
 * script and PostgreSQL's SQL state; the message contains Flyway's own message.
 *
 * <p>PostgreSQL runs each migration in its own transaction, so the failing migration left nothing behind;
 * the migrations in {@link #partialReport()} were committed.
 */
public class MigrationFailedException extends DbBranchException {
    private static final long serialVersionUID = 1L;

    private final transient MigrationReport partialReport;
    private final String sqlState;
    private final String script;

    public MigrationFailedException(String message, Throwable cause, MigrationReport partialReport, String sqlState,
                                    String script) {
        super(ErrorCode.MIGRATION_FAILED, message, cause);
        this.partialReport = partialReport;
        this.sqlState = sqlState;
        this.script = script;
    }

    /** The migrations applied before the failure, and the schema version it stopped at; never {@code null}. */
    public MigrationReport partialReport() {
        return partialReport;
    }

    /** PostgreSQL's SQL state of the failing statement ({@code 23505}, {@code 55P03}, …), or {@code null}. */
    public String sqlState() {
        return sqlState;
    }

    /** The script that failed ({@code V3__unique_email.sql}), or {@code null} when none ran (validation failed). */
    public String script() {
        return script;
    }
}
