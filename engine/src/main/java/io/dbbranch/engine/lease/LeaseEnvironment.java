package io.dbbranch.engine.lease;

import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The environment variables a lease gives its body, and which of them carry a secret. Front ends inject
 * {@link #variables()}, declare {@link #secretNames()} as sensitive, and hide every string of
 * {@link #masks()} in logs.
 *
 * <p>{@code PGPASSWORD}, {@code DATABASE_URL} and {@code JDBC_DATABASE_URL} hold the token minted at the
 * start and are not updated; {@code PGPASSFILE} names a file the lease rewrites at every refresh, so
 * long builds should let their clients read it (libpq and pgjdbc both do).
 */
public final class LeaseEnvironment {
    private final Map<String, String> variables;
    private final Set<String> secretNames;
    private final Set<String> masks;

    private LeaseEnvironment(Map<String, String> variables, Set<String> secretNames, Set<String> masks) {
        this.variables = Collections.unmodifiableMap(variables);
        this.secretNames = Collections.unmodifiableSet(secretNames);
        this.masks = Collections.unmodifiableSet(masks);
    }

    /**
     * Builds the variables, each name starting with {@code prefix} (empty for the libpq names that every
     * client understands; a prefix such as {@code ORDERS_} allows several branches in one build).
     */
    static LeaseEnvironment of(String prefix, BranchInfo branch, ConnectionDetails connection, Credential credential,
                               Path passFile) {
        String p = prefix == null ? "" : prefix;
        Map<String, String> variables = new LinkedHashMap<>();
        Set<String> secretNames = new LinkedHashSet<>();
        String user = credential.user();
        String password = credential.password().reveal();
        variables.put(p + "PGHOST", connection.host());
        variables.put(p + "PGPORT", Integer.toString(connection.port()));
        variables.put(p + "PGDATABASE", connection.database());
        variables.put(p + "PGUSER", user);
        variables.put(p + "PGPASSWORD", password);
        variables.put(p + "PGPASSFILE", passFile.toString());
        variables.put(p + "PGSSLMODE", connection.sslMode());
        String url = "postgresql://" + encode(user) + ":" + encode(password) + "@" + connection.hostPort() + "/"
                + encode(connection.database()) + "?sslmode=" + connection.sslMode();
        variables.put(p + "DATABASE_URL", url);
        String jdbcUrl = connection.jdbcUrl() + "&user=" + encode(user) + "&password=" + encode(password);
        variables.put(p + "JDBC_DATABASE_URL", jdbcUrl);
        variables.put(p + "DB_BRANCH_NAME", branch.name());
        variables.put(p + "DB_BRANCH_ID", branch.id());
        if (branch.parent() != null) {
            variables.put(p + "DB_BRANCH_PARENT", branch.parent());
        }
        variables.put(p + "DB_TOKEN_EXPIRES_AT", credential.expiresAt().toString());
        connection.extras().forEach((name, value) -> variables.put(p + name, value));
        secretNames.add(p + "PGPASSWORD");
        secretNames.add(p + "DATABASE_URL");
        secretNames.add(p + "JDBC_DATABASE_URL");

        Set<String> masks = new LinkedHashSet<>(credential.password().maskForms());
        masks.addAll(Secret.of(url).maskForms());
        masks.addAll(Secret.of(jdbcUrl).maskForms());
        return new LeaseEnvironment(variables, secretNames, masks);
    }

    /** Every variable, in a stable order. */
    public Map<String, String> variables() {
        return variables;
    }

    /** The names of the variables whose values are secret. */
    public Set<String> secretNames() {
        return secretNames;
    }

    /** The strings to hide in logs: each secret in its raw, URL-encoded and base64 forms. */
    public Set<String> masks() {
        return masks;
    }

    /** The variables with secret values replaced by {@code ****}, for display. */
    public Map<String, String> redacted() {
        Map<String, String> shown = new LinkedHashMap<>(variables);
        secretNames.forEach(name -> shown.put(name, "****"));
        return shown;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return redacted().toString();
    }
}
