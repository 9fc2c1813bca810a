package io.dbbranch.engine.postgres;

import io.dbbranch.engine.credentials.ScramKeys;
import io.dbbranch.engine.credentials.Secret;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The SCRAM-SHA-256 verifier of a password in the form PostgreSQL stores ({@code SCRAM-SHA-256$<iterations>:<salt>$
 * <StoredKey>:<ServerKey>}, RFC 5802/7677), computed here as {@code psql}'s {@code \password} does. A role's password is
 * set with the verifier, never the token itself: {@code ALTER ROLE … PASSWORD '<token>'} would put a live credential
 * into the server's log under {@code log_statement = ddl} (a common setting), into {@code pg_stat_statements} and into
 * any audit trail, where the verifier is useless to a reader.
 */
final class ScramVerifier {
    /** PostgreSQL's default ({@code scram_iterations}); the login cost the driver pays for it is a few milliseconds. */
    static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScramVerifier() {
    }

    /**
     * The verifier of {@code password}, with a new random salt.
     *
     * @throws IllegalArgumentException for a password with characters outside printable ASCII: those would need
     *                                  SASLprep normalization first, and the tokens we mint never have them
     */
    static String of(Secret password) {
        String text = password.reveal();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("a branch password must be printable ASCII (character " + i + " is not)");
            }
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return of(text, salt, ITERATIONS);
    }

    static String of(String password, byte[] salt, int iterations) {
        ScramKeys keys = ScramKeys.derive(password.toCharArray(), salt, iterations);
        Base64.Encoder base64 = Base64.getEncoder();
        return "SCRAM-SHA-256$" + iterations + ":" + base64.encodeToString(salt) + "$" + base64.encodeToString(keys.storedKey())
                + ":" + base64.encodeToString(keys.serverKey());
    }
}
