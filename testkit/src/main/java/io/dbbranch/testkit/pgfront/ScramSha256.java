package io.dbbranch.testkit.pgfront;

import io.dbbranch.engine.credentials.ScramKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client side of {@code SCRAM-SHA-256} (RFC 5802, RFC 7677) as PostgreSQL speaks it, without channel binding:
 * the user name in the messages is empty (the server takes the startup message's). One exchange per instance.
 *
 * <p>The salted password (4,096 rounds of PBKDF2 by default) is the costly part; it depends only on the password, the
 * role's salt and the rounds, which stay the same for as long as the role's password does, so it is kept per
 * combination: a front that logs the same role in again and again pays for it once.
 */
final class ScramSha256 {
    static final String MECHANISM = "SCRAM-SHA-256";
    private static final String GS2_HEADER = "n,,";
    private static final Map<String, ScramKeys> KEYS = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final char[] password;
    private final String clientFirstBare;
    private byte[] expectedServerSignature;

    ScramSha256(char[] password) {
        this.password = password;
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        this.clientFirstBare = "n=,r=" + Base64.getEncoder().encodeToString(nonce);
    }

    /** The client-first message. */
    byte[] clientFirst() {
        return (GS2_HEADER + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    /** The client-final message answering the server-first one. */
    byte[] clientFinal(byte[] serverFirstMessage) throws GeneralSecurityException {
        String serverFirst = new String(serverFirstMessage, StandardCharsets.UTF_8);
        Map<String, String> fields = fields(serverFirst);
        String nonce = fields.get("r");
        if (nonce == null || !nonce.startsWith(clientFirstBare.substring(clientFirstBare.indexOf("r=") + 2))
                || !fields.containsKey("s") || !fields.containsKey("i")) {
            throw new GeneralSecurityException("the server's SCRAM challenge is malformed");
        }
        byte[] salt = Base64.getDecoder().decode(fields.get("s"));
        int rounds = Integer.parseInt(fields.get("i"));
        ScramKeys keys = keys(salt, rounds);
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(StandardCharsets.UTF_8))
                + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientKey = keys.clientKey();
        byte[] signature = ScramKeys.hmac(keys.storedKey(), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        expectedServerSignature = ScramKeys.hmac(keys.serverKey(), authMessage);
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    /** Checks the server's final message: it proves the server knew the password too. */
    void verifyServerFinal(byte[] serverFinalMessage) throws GeneralSecurityException {
        String verifier = fields(new String(serverFinalMessage, StandardCharsets.UTF_8)).get("v");
        if (expectedServerSignature == null || verifier == null
                || !MessageDigest.isEqual(expectedServerSignature, Base64.getDecoder().decode(verifier))) {
            throw new GeneralSecurityException("the server's SCRAM signature does not match");
        }
    }

    private ScramKeys keys(byte[] salt, int rounds) throws GeneralSecurityException {
        MessageDigest key = MessageDigest.getInstance("SHA-256");
        key.update(new String(password).getBytes(StandardCharsets.UTF_8));
        key.update(salt);
        String cacheKey = Base64.getEncoder().encodeToString(key.digest()) + "/" + rounds;
        ScramKeys cached = KEYS.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        ScramKeys derived = ScramKeys.derive(password, salt, rounds);
        KEYS.put(cacheKey, derived);
        return derived;
    }

    private static Map<String, String> fields(String message) {
        Map<String, String> fields = new HashMap<>();
        for (String part : message.split(",")) {
            int equals = part.indexOf('=');
            if (equals == 1) {
                fields.put(part.substring(0, 1), part.substring(2));
            }
        }
        return fields;
    }
}
