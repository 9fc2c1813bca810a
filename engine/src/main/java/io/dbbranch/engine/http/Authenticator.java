package io.dbbranch.engine.http;

import io.dbbranch.engine.credentials.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Gives the {@code Authorization} header of a call. The value is a {@link Secret}: the client puts it on the
 * wire and nowhere else (no log line, no exception message).
 */
public interface Authenticator {

    /** The full header value, e.g. {@code Bearer eyJ…}. May fetch or renew a token. */
    Secret authorization();

    /**
     * Called when the server answered 401 to a call made with {@link #authorization()}. Returns {@code true} when a
     * fresh value may succeed (a cached token was dropped), so the client tries once more; {@code false} by default.
     */
    default boolean invalidate() {
        return false;
    }

    /** A fixed bearer token (a personal access token or API key). */
    static Authenticator bearer(Secret token) {
        Objects.requireNonNull(token, "token");
        Secret header = Secret.of("Bearer " + token.reveal());
        return () -> header;
    }

    /** HTTP Basic with a client id and secret (OAuth client authentication). */
    static Authenticator basic(String user, Secret password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        String pair = user + ":" + password.reveal();
        Secret header = Secret.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        return () -> header;
    }
}
