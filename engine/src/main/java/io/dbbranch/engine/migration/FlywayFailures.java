package io.dbbranch.engine.migration;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

/**
 * Turns Flyway's exceptions into ours: what was asked, what happened and what to do, then Flyway's own message.
 * A failing migration or validation is a {@link MigrationFailedException}; an unreachable database
 * {@code UNAVAILABLE} or {@code AUTHENTICATION}; a refused privilege {@code PERMISSION_DENIED}; anything Flyway
 * refuses before touching the database (a missing location, a malformed script name, a bad target) is bad input,
 * {@code INVALID_REQUEST}.
 */
final class FlywayFailures {
    /** Flyway's hint about its own command line, which means nothing to our users. */
    private static final Pattern CLI_HINT = Pattern.compile("(?m)^Statement\\s*: Run Flyway with -X.*$");

    private FlywayFailures() {
    }

    static DbBranchException translate(String asked, FlywayException failure, MigrationReport partial, Guardrails guardrails) {
        String sqlState = sqlState(failure);
        if (failure instanceof FlywayMigrateException migrate) {
            String script = migrate.getMigration() == null ? null : migrate.getMigration().getScript();
            return new MigrationFailedException(message(asked, (script == null ? "a migration" : script) + " failed"
                    + (sqlState == null ? "" : " (SQL state " + sqlState + ")") + " and was rolled back; " + stoppedAt(partial),
                    advice(sqlState, guardrails), failure), failure, partial, sqlState, script);
        }
        if (failure instanceof FlywayValidateException) {
            return new MigrationFailedException(message(asked, "the migrations failed validation, nothing was applied",
                    "An applied migration must never change: restore the script as it was applied and put the change in a "
                            + "new migration", failure), failure, partial, sqlState, null);
        }
        if (failure.getErrorCode() == CoreErrorCode.DB_CONNECTION || failure.getErrorCode() == CoreErrorCode.JDBC_DRIVER) {
            boolean rejected = sqlState != null && sqlState.startsWith("28");
            return new DbBranchException(rejected ? ErrorCode.AUTHENTICATION : ErrorCode.UNAVAILABLE, message(asked,
                    "could not connect" + (sqlState == null ? "" : " (SQL state " + sqlState + ")"),
                    rejected ? "Check the user and password (a minted credential may have expired)"
                            : "Check that the database is up and reachable", failure), failure);
        }
        if ("42501".equals(sqlState)) {
            return new DbBranchException(ErrorCode.PERMISSION_DENIED, message(asked, "the role lacks a privilege; "
                    + stoppedAt(partial), "Migrate as the database owner", failure), failure);
        }
        if (sqlState != null) {
            return new MigrationFailedException(message(asked, "the database refused a statement (SQL state " + sqlState
                    + "); " + stoppedAt(partial), advice(sqlState, guardrails), failure), failure, partial, sqlState, null);
        }
        return new DbBranchException(ErrorCode.INVALID_REQUEST, message(asked,
                "Flyway refused the migrations before applying any",
                "Check that every location exists and every script is named V<version>__<description>.sql "
                        + "(two underscores) or R__<description>.sql", failure), failure);
    }

    /** What a failing SQL state means on production-shaped data, and what to do about it. */
    static String advice(String sqlState, Guardrails guardrails) {
        String fallback = "Fix the migration and run it again";
        if (sqlState == null) {
            return fallback;
        }
        return switch (sqlState) {
            case "55P03" -> "The statement waited longer than lock_timeout (" + guardrails.describe() + ") for a lock: on a busy "
                    + "database every query on that table would have queued behind it. Run it when the table is quiet, or "
                    + "use non-blocking forms (CREATE INDEX CONCURRENTLY, constraints added NOT VALID and validated later)";
            case "57014" -> "A statement ran longer than statement_timeout (" + guardrails.describe() + ") on this data and would "
                    + "hold its locks as long in production. Backfill in batches or build indexes concurrently";
            case "23505" -> "Existing rows hold duplicate values for the new unique index or constraint: de-duplicate them "
                    + "(in an earlier migration) or relax the constraint";
            case "23502" -> "Existing rows have no value for a NOT NULL column: give the column a DEFAULT, or add it nullable, "
                    + "backfill it and set NOT NULL afterwards";
            case "23503", "23514", "23P01" -> "Existing rows violate the new constraint: fix the data first, or add the "
                    + "constraint NOT VALID and VALIDATE it once the data is clean";
            case "42P07", "42701", "42710" -> "The object exists already: the database was changed outside these migrations; "
                    + "use IF NOT EXISTS or align the history";
            default -> fallback;
        };
    }

    /** Ours first (asked, happened, remedy), then Flyway's own message on lines of its own. */
    private static String message(String asked, String happened, String remedy, FlywayException failure) {
        String flyway = failure.getMessage() == null ? failure.toString() : CLI_HINT.matcher(failure.getMessage()).replaceAll("").trim();
        return DbBranchException.of(ErrorCode.MIGRATION_FAILED, asked, happened, remedy).getMessage()
                + ".\nFlyway says: " + flyway;
    }

    private static String stoppedAt(MigrationReport partial) {
        int applied = partial.applied().size();
        return "the database is at version " + MigrationReportTable.version(partial.versionAfter())
                + (applied == 0 ? " as before" : " after " + applied + " migration(s) of this run");
    }

    /** The SQL state of the failing statement, wherever Flyway put it. */
    static String sqlState(Throwable failure) {
        if (failure instanceof FlywayMigrateException migrate && migrate.getSqlState() != null) {
            return migrate.getSqlState();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
