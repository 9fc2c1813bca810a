package io.dbbranch.cli;

import io.dbbranch.cli.output.Times;
import io.dbbranch.engine.restore.RestoreResult;
import io.dbbranch.engine.restore.VerificationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished restore as {@code dbbranch restore} shows it (JSON field names are part of the CLI's contract). The
 * login's token is there only when asked for with {@code --show-secret}.
 */
record RestoreView(String branch, String source, Instant restoredTo, String restoredToLsn, Duration elapsed, String host,
                   int port, String database, String jdbcUrl, String user, String token, Instant tokenExpiresAt,
                   Verified verification, Instant expiresAt) {

    /** What the verification query returned. */
    record Verified(String sql, String value, String expected, boolean met) {
    }

    static RestoreView of(String source, RestoreResult result, boolean showSecret) {
        VerificationResult verification = result.verification();
        return new RestoreView(result.branch().name(), source, result.restorePoint().time(), result.restorePoint().lsn(),
                result.elapsed(), result.connection().host(), result.connection().port(), result.connection().database(),
                result.connection().jdbcUrl(), result.credential().user(),
                showSecret ? result.credential().password().reveal() : null, result.credential().expiresAt(),
                verification == null ? null : new Verified(verification.verification().sql(), verification.firstValue(),
                        verification.verification().expectation().describe(), verification.met()),
                result.branch().expiresAt());
    }

    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("branch", branch);
        fields.put("restored from", source + " at " + (restoredTo == null ? "" : restoredTo + " ")
                + (restoredToLsn == null ? "" : "(LSN " + restoredToLsn + ")"));
        fields.put("took", String.format("%.2f s", elapsed.toMillis() / 1000.0));
        if (verification != null) {
            fields.put("verified", verification.sql() + " returned " + verification.value() + ", expected " + verification.expected());
        }
        fields.put("host", host);
        fields.put("port", port);
        fields.put("database", database);
        fields.put("user", user);
        fields.put("token", token == null ? "**** (add --show-secret to print it, or use dbbranch credentials " + branch + ")" : token);
        fields.put("token expires", Times.human(tokenExpiresAt));
        fields.put("expires", expiresAt == null ? "never" : Times.human(expiresAt));
        return fields;
    }
}
