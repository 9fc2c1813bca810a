package io.dbbranch.engine.postgres;

import io.dbbranch.engine.credentials.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

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
        try {
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder base64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + base64.encodeToString(salt) + "$" + base64.encodeToString(storedKey)
                    + ":" + base64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute SCRAM-SHA-256 (PBKDF2WithHmacSHA256, HmacSHA256)", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
    }
}
