package io.dbbranch.testkit.lakebase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The database tokens handed out, one per identity and server at a time.
 *
 * <p>On Lakebase every credential stays valid until it expires. The emulator's credentials are the passwords of
 * login roles, and PostgreSQL keeps one password per role, shared by all branches of a server. To come close, a
 * credential asked for while the identity's token on that server is still valid and would not expire later than
 * asked is that same token, valid for longer: so a parent's credential survives minting one for a branch, as
 * {@code migrateUpstream} needs. A credential that would expire earlier than the current token replaces it (the
 * current one then stops working for new logins), so short-lived credentials really expire.
 */
final class DatabaseTokens {
    /** A token and the moment it stops working for new logins. */
    record Issued(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[expiresAt=" + expiresAt + "]";
        }
    }

    /** What makes the token work: the login role's password and expiry. */
    @FunctionalInterface
    interface Grant {
        void apply(Issued issued) throws Exception;
    }

    /** How much earlier than the current token's a concurrently asked expiry may be and still reuse it. */
    private static final Duration RACE = Duration.ofSeconds(10);

    private final Map<String, Issued> current = new HashMap<>();
    private final Clock clock;

    DatabaseTokens(Clock clock) {
        this.clock = clock;
    }

    /**
     * Issues a token for {@code identity} on {@code server} valid until {@code expiresAt}, reusing the current one
     * where it may, and applies it with {@code grant}; one issue at a time, so the role's password is always the
     * token issued last.
     */
    synchronized Issued issue(String server, String identity, Instant expiresAt, Supplier<String> mint, Grant grant)
            throws Exception {
        String key = server + "\n" + identity;
        Issued held = current.get(key);
        // Two requests at once sign their expiries before they queue here, so the later may carry the earlier expiry:
        // within RACE of the current one it is the same token (keeping the later expiry), not a replacement that
        // would lock the other caller out.
        boolean reuse = held != null && held.expiresAt().isAfter(clock.instant())
                && !expiresAt.isBefore(held.expiresAt().minus(RACE));
        Issued issued = new Issued(reuse ? held.token() : mint.get(),
                reuse && held.expiresAt().isAfter(expiresAt) ? held.expiresAt() : expiresAt);
        grant.apply(issued);
        current.put(key, issued);
        return issued;
    }
}
