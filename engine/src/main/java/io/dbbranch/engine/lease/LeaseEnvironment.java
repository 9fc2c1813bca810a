package io.dbbranch.engine.lease;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
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
import java.util.regex.Pattern;

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
    /** What a shell (and {@code ProcessBuilder}) takes as the start of a variable name. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

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

    /**
     * Returns {@code prefix} if every name it makes is a valid variable name: empty, or letters, digits and {@code _}
     * not starting with a digit. Checked before anything is made, as a bad name would only fail when the body starts.
     *
     * @throws DbBranchException {@code INVALID_REQUEST} naming what is allowed
     */
    public static String requireValidPrefix(String prefix) {
        if (prefix != null && !prefix.isEmpty() && !PREFIX.matcher(prefix).matches()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Prefix the branch's variable names with '" + prefix + "'",
                    "a prefix may hold only letters, digits and '_' and must not start with a digit (it would make names such as '"
                            + prefix + "PGHOST')", "Use e.g. ORDERS_, or no prefix");
        }
        return prefix;
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
