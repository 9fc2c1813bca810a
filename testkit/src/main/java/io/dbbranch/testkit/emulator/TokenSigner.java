package io.dbbranch.testkit.emulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the emulator's JWTs (HS256) with a key kept in {@code <home>/jwt.key}, so tokens survive an
 * emulator restart. Used for both OAuth access tokens and database credentials, told apart by the {@code typ}
 * claim.
 */
public final class TokenSigner {
    private final byte[] key;
    private final String issuer;
    private final Clock clock;

    public TokenSigner(Path home, String issuer, Clock clock) {
        this.key = loadOrCreateKey(home.resolve("jwt.key"));
        this.issuer = issuer;
        this.clock = clock;
    }

    /** A signed token for {@code subject} of type {@code type}, valid for {@code ttl}. */
    public SignedToken sign(String subject, String type, Duration ttl, Map<String, Object> claims) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(subject).issueTime(Date.from(now)).expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString()).claim("typ", type);
        claims.forEach(builder::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
            jwt.sign(new MACSigner(key));
            return new SignedToken(jwt.serialize(), expires);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /** The subject of a valid, unexpired token of {@code type}; empty for anything else. */
    public Optional<String> verify(String token, String type) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            boolean valid = jwt.verify(new MACVerifier(key))
                    && type.equals(claims.getStringClaim("typ"))
                    && claims.getExpirationTime() != null
                    && claims.getExpirationTime().toInstant().isAfter(clock.instant());
            return valid ? Optional.ofNullable(claims.getSubject()) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    /**
     * A secret of this signer's own for {@code purpose}: the same for the same purpose as long as the key is kept (across
     * restarts), and different for every purpose (HMAC-SHA256 of the purpose under the key).
     */
    public String derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive a secret", e);
        }
    }

    /** A serialized JWT and its expiry. */
    public record SignedToken(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "SignedToken[expiresAt=" + expiresAt + "]";
        }
    }

    private static byte[] loadOrCreateKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            Files.createDirectories(file.getParent());
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.write(file, fresh);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
