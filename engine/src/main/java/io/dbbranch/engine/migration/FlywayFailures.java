package io.dbbranch.engine.migration;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.sql.SQLException;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

/**
 * Turns Flyway's exceptions into ours, keeping Flyway's message and adding what it means for a branch and what
 * to do. Bad input (a missing location, a malformed script name) is an {@code INVALID_REQUEST}; an unreachable
 * database {@code UNAVAILABLE} or {@code AUTHENTICATION}; everything else a {@link MigrationFailedException}.
 */
final class FlywayFailures {
    private FlywayFailures() {
    }

    static DbBranchException translate(String asked, FlywayException failure, MigrationReport partial, Guardrails guardrails) {
        String flywayMessage = failure.getMessage() == null ? failure.toString() : failure.getMessage().trim();
        String sqlState = sqlState(failure);
        if (failure instanceof FlywayValidateException) {
            return new MigrationFailedException(DbBranchException.of(ErrorCode.MIGRATION_FAILED, asked,
                    "the migrations failed validation, nothing was applied. Flyway says: " + flywayMessage,
                    "An applied migration must never change: restore the script as it was applied and put the change in "
                            + "a new migration").getMessage(), failure, partial, sqlState, null);
        }
        if (isConnectionFailure(failure)) {
            boolean rejected = sqlState != null && sqlState.startsWith("28");
            return DbBranchException.of(rejected ? ErrorCode.AUTHENTICATION : ErrorCode.UNAVAILABLE, asked,
                    "could not connect" + (sqlState == null ? "" : " (SQL state " + sqlState + ")") + ": " + flywayMessage,
                    rejected ? "Check the user and password (a minted credential may have expired)"
                            : "Check that the database is up and reachable", failure);
        }
        if (failure instanceof FlywayMigrateException migrate) {
            String script = migrate.getMigration() == null ? null : migrate.getMigration().getScript();
            return new MigrationFailedException(DbBranchException.of(ErrorCode.MIGRATION_FAILED, asked,
                    (script == null ? "a migration" : script) + " failed" + (sqlState == null ? "" : " (SQL state " + sqlState + ")")
                            + " and was rolled back; " + stoppedAt(partial) + ". Flyway says: " + flywayMessage,
                    advice(sqlState, guardrails)).getMessage(), failure, partial, sqlState, script);
        }
        if (isBadInput(failure)) {
            return DbBranchException.of(ErrorCode.INVALID_REQUEST, asked,
                    "Flyway refused the migrations, nothing was applied. Flyway says: " + flywayMessage,
                    "Check the locations and that every script is named V<version>__<description>.sql "
                            + "(two underscores) or R__<description>.sql", failure);
        }
        return new MigrationFailedException(DbBranchException.of(ErrorCode.MIGRATION_FAILED, asked,
                stoppedAt(partial) + ". Flyway says: " + flywayMessage, advice(sqlState, guardrails)).getMessage(),
                failure, partial, sqlState, null);
    }

    /** What a failing SQL state means on production-shaped data, and what to do about it. */
    static String advice(String sqlState, Guardrails guardrails) {
        if (sqlState == null) {
            return "Fix the migration and run it again; the database was left at the version above";
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
            default -> "Fix the migration and run it again; the database was left at the version above";
        };
    }

    private static String stoppedAt(MigrationReport partial) {
        int applied = partial.applied().size();
        return "the database is at version " + (partial.versionAfter() == null ? "<none>" : partial.versionAfter())
                + (applied == 0 ? " as before" : " after " + applied + " migration(s) of this run");
    }

    private static boolean isConnectionFailure(FlywayException failure) {
        return failure.getErrorCode() == CoreErrorCode.DB_CONNECTION || failure.getErrorCode() == CoreErrorCode.JDBC_DRIVER
                || (failure.getMessage() != null && failure.getMessage().startsWith("Unable to obtain connection"));
    }

    private static boolean isBadInput(FlywayException failure) {
        return failure.getErrorCode() instanceof CoreErrorCode code && switch (code) {
            case CONFIGURATION, CONFIGURATION_RECOVERABLE, DUPLICATE_VERSIONED_MIGRATION, DUPLICATE_REPEATABLE_MIGRATION,
                    DUPLICATE_UNDO_MIGRATION, DUPLICATE_DELETED_MIGRATION -> true;
            default -> false;
        };
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
