package io.dbbranch.engine.review;

import java.util.Objects;

/**
 * A migration that failed during the review: the review's verdict is then {@code FAIL} whatever the findings.
 *
 * @param script   the failing script, {@code null} when the failure came before any (validation, connection)
 * @param sqlState PostgreSQL's SQLSTATE, {@code null} when not from the database
 * @param message  the migration failure's message (what was asked, what happened, what to do)
 */
public record MigrationFailure(String script, String sqlState, String message) {

    public MigrationFailure {
        Objects.requireNonNull(message, "message");
    }
}
