package io.dbbranch.engine.spi;

import io.dbbranch.engine.credentials.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * A short-lived login for one branch: the Postgres user and its password (a JWT on every provider that
 * can), valid until {@code expiresAt}. Logins after that moment are refused; open connections survive.
 *
 * @param user      the Postgres role to log in as
 * @param password  the password, usually a signed JWT
 * @param expiresAt when new logins start being refused
 * @param revocable whether the provider made a role for it that {@link BranchProvider#revokeCredential} drops
 */
public record Credential(String user, Secret password, Instant expiresAt, boolean revocable) {
    public Credential {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
