package io.dbbranch.bench.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbbranch.bench.proxy.Interceptor;
import io.dbbranch.testkit.emulator.BackingPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
    public Optional<Answer> before(Call call) throws Exception {
        if (!isMint(call)) {
            return Optional.empty();
        }
        JsonNode request = JSON.readTree(call.body());
        Matcher endpoint = ENDPOINT.matcher(request.path("endpoint").asText(""));
        Duration ttl = ttl(request);
        String shared;
        Instant until;
        synchronized (this) {
            if (token == null || !endpoint.matches() || ttl == null
                    || Instant.now().plus(ttl.dividedBy(2)).isAfter(expiresAt)) {
                return Optional.empty();
            }
            shared = token;
            until = expiresAt;
        }
        String database = endpoint.group(1);
        try {
            postgres.adminExecute("postgres", "GRANT CONNECT, TEMPORARY, CREATE ON DATABASE " + BackingPostgres.quote(database)
                    + " TO " + BackingPostgres.quote(role));
            postgres.adminExecute(database, "GRANT ALL ON SCHEMA public TO " + BackingPostgres.quote(role));
        } catch (SQLException e) {
            // No such branch (any more): let the emulator give its own answer.
            return Optional.empty();
        }
        byte[] body = JSON.createObjectNode().put("token", shared).put("expire_time", until.toString()).toString()
                .getBytes(StandardCharsets.UTF_8);
        return Optional.of(new Answer(200, body));
    }

    @Override
    public void after(Call call, int status, byte[] body) {
        if (status != 200 || !isMint(call)) {
            return;
        }
        try {
            JsonNode answer = JSON.readTree(body);
            synchronized (this) {
                token = answer.path("token").asText();
                expiresAt = Instant.parse(answer.path("expire_time").asText());
            }
        } catch (java.io.IOException | RuntimeException e) {
            // An answer we cannot read is not shared.
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
