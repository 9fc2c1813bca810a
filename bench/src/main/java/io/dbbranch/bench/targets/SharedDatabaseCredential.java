package io.dbbranch.bench.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbbranch.bench.proxy.Interceptor;
import io.dbbranch.testkit.emulator.BackingPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets many leases of one identity hold database credentials at once against the Lakebase emulator.
 *
 * <p>Lakebase accepts every unexpired credential it minted; the emulator cannot, because its credential is the
 * password of one PostgreSQL role per identity, and each mint replaces the previous one, so with leases at once
 * every lease's login fails with a token a later lease replaced. While the identity's last token is still valid for
 * at least half the lifetime asked for, this answers a mint with that token and grants the new branch to the role
 * itself (what the emulator's mint does besides); otherwise the mint goes to the emulator, and its token becomes
 * the shared one. The engine sees an ordinary answer.
 */
final class SharedDatabaseCredential implements Interceptor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENDPOINT = Pattern.compile("projects/[^/]+/branches/([^/]+)/endpoints/[^/]+");
    private static final String PATH = "/api/2.0/postgres/credentials";

    private final BackingPostgres postgres;
    private final String role;
    private String token;
    private Instant expiresAt = Instant.EPOCH;

    /** @param role the identity's PostgreSQL role (the service principal's client id) */
    SharedDatabaseCredential(BackingPostgres postgres, String role) {
        this.postgres = postgres;
        this.role = role;
    }

    @Override
    public Answer handle(Call call, Emulator emulator) throws Exception {
        if (!isMint(call)) {
            return emulator.send();
        }
        JsonNode request = JSON.readTree(call.body());
        Matcher endpoint = ENDPOINT.matcher(request.path("endpoint").asText(""));
        Duration ttl = ttl(request);
        boolean shareable = endpoint.matches() && ttl != null;
        Answer shared = shareable ? share(endpoint.group(1), ttl) : null;
        if (shared != null) {
            return shared;
        }
        // Passed on one at a time: two mints at once would each replace the other's password.
        synchronized (this) {
            shared = shareable ? share(endpoint.group(1), ttl) : null;
            if (shared != null) {
                return shared;
            }
            Answer answer = emulator.send();
            if (answer.status() == 200) {
                JsonNode minted = JSON.readTree(answer.body());
                token = minted.path("token").asText();
                expiresAt = Instant.parse(minted.path("expire_time").asText());
            }
            return answer;
        }
    }

    /** The current token for {@code database}, if it lives long enough and the branch exists; else null. */
    private Answer share(String database, Duration ttl) {
        String current;
        Instant until;
        synchronized (this) {
            if (token == null || Instant.now().plus(ttl.dividedBy(2)).isAfter(expiresAt)) {
                return null;
            }
            current = token;
            until = expiresAt;
        }
        if (!grant(database)) {
            return null;
        }
        return Answer.json(200, JSON.createObjectNode().put("token", current).put("expire_time", until.toString())
                .toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Does what the emulator's mint does besides the password; false when there is no such branch (any more). */
    private boolean grant(String database) {
        try {
            postgres.adminExecute("postgres", "GRANT CONNECT, TEMPORARY, CREATE ON DATABASE " + BackingPostgres.quote(database)
                    + " TO " + BackingPostgres.quote(role));
            postgres.adminExecute(database, "GRANT ALL ON SCHEMA public TO " + BackingPostgres.quote(role));
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean isMint(Call call) {
        return "POST".equals(call.method()) && PATH.equals(call.path());
    }

    private static Duration ttl(JsonNode request) {
        String ttl = request.path("ttl").asText("");
        return ttl.endsWith("s") ? Duration.ofSeconds(Long.parseLong(ttl.substring(0, ttl.length() - 1))) : null;
    }
}
