package io.dbbranch.engine.restore;

import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.RestorePoint;
import java.time.Duration;
import java.util.Optional;

/**
 * A finished restore.
 *
 * @param branch       the recovery branch (in replace mode: the restored source)
 * @param connection   where it accepts connections
 * @param credential   a login for it, valid for the request's credential lifetime
 * @param restorePoint the point the provider actually restored to, as it reports it
 * @param elapsed      from the request until the branch was ready and verified
 * @param verification what the verification query returned; {@code null} when there was none
 * @param preservedAs  in replace mode, the branch that holds the source's previous state; else {@code null}
 */
public record RestoreResult(BranchInfo branch, ConnectionDetails connection, Credential credential, RestorePoint restorePoint,
                            Duration elapsed, VerificationResult verification, String preservedAs) {

    public Optional<VerificationResult> verificationResult() {
        return Optional.ofNullable(verification);
    }
}
