package io.dbbranch.engine.credentials;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints the signed JWTs that serve as short-lived database passwords on providers without a credential API
 * of their own (plain PostgreSQL, the local cluster), so a token looks and behaves the same everywhere: its
 * {@code exp} claim equals the role's {@code VALID UNTIL}. Each minter has its own random HMAC key, kept
 * in memory only: nobody but PostgreSQL (which compares the password) needs to check the signature.
 */
public final class JwtMinter {
    private final String issuer;
    private final MACSigner signer;

    public JwtMinter(String issuer) {
        this.issuer = issuer;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            this.signer = new MACSigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("HMAC key rejected", e);
        }
    }

    /**
     * A token for {@code role} on {@code branch} that expires at {@code expiresAt} (whole seconds, as JWT
     * {@code exp} is).
     */
    public Secret mint(String role, String branch, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(role)
                .claim("branch", branch)
                .issueTime(Date.from(Instant.now()))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new DbBranchException(ErrorCode.ENVIRONMENT, "Sign a database token for role " + role + ": " + e.getMessage(), e);
        }
        return Secret.of(jwt.serialize());
    }
}
