package io.dbbranch.engine.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys {@code SCRAM-SHA-256} derives from a password (RFC 5802, RFC 7677): the salted password, and from it the
 * client key, the stored key and the server key. One derivation for both sides that need it: the engine, which sets a
 * branch role's password as its verifier, and the emulators' login front, which logs in to PostgreSQL as a client.
 */
public final class ScramKeys {
    private final byte[] salted;

    private ScramKeys(byte[] salted) {
        this.salted = salted;
    }

    /**
     * The keys of {@code password} with {@code salt} and {@code iterations} rounds of PBKDF2-HMAC-SHA-256: the costly
     * part, a few milliseconds at PostgreSQL's default of 4,096.
     */
    public static ScramKeys derive(char[] password, byte[] salt, int iterations) {
        try {
            return new ScramKeys(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password, salt, iterations, 256)).getEncoded());
        } catch (GeneralSecurityException e) {
            throw unsupported(e);
        }
    }

    /** {@code HMAC(SaltedPassword, "Client Key")}. */
    public byte[] clientKey() {
        return hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code H(ClientKey)}: what the server keeps to check a client's proof. */
    public byte[] storedKey() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(clientKey());
        } catch (GeneralSecurityException e) {
            throw unsupported(e);
        }
    }

    /** {@code HMAC(SaltedPassword, "Server Key")}: what the server signs its final message with. */
    public byte[] serverKey() {
        return hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
    }

    /** HMAC-SHA-256 of {@code data} with {@code key}. */
    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw unsupported(e);
        }
    }

    private static IllegalStateException unsupported(GeneralSecurityException e) {
        return new IllegalStateException("this JVM cannot compute SCRAM-SHA-256 (PBKDF2WithHmacSHA256, HmacSHA256, SHA-256)", e);
    }
}
