package io.dbbranch.engine.migration;

import io.dbbranch.engine.PgJdbc;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * The database a migration runs against: a pgjdbc URL without credentials, the login and its password.
 * {@link #toString()} shows the URL and user only.
 *
 * @param jdbcUrl  e.g. {@code jdbc:postgresql://127.0.0.1:5432/ci-42?sslmode=disable}; must not carry a password
 * @param user     the role to log in as
 * @param password the password (a JWT on most providers)
 * @param label    how messages and reports name the database (a branch name, or the database name)
 */
public record MigrationTarget(String jdbcUrl, String user, Secret password, String label) {

    public MigrationTarget {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a pgjdbc URL: " + jdbcUrl.replaceAll("\\?.*", "?…"));
        }
        if (jdbcUrl.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException("pass the password as a Secret, not inside the JDBC URL");
        }
        label = label == null || label.isBlank() ? jdbcUrl.replaceAll("^.*/([^/?]*).*$", "$1") : label;
    }

    /** A target named after its database. */
    public static MigrationTarget of(String jdbcUrl, String user, Secret password) {
        return new MigrationTarget(jdbcUrl, user, password, null);
    }

    /** The branch a provider made ready, with the credential it minted. */
    public static MigrationTarget of(ConnectionDetails connection, Credential credential) {
        return new MigrationTarget(connection.jdbcUrl(), credential.user(), credential.password(), connection.database());
    }

    /** The same database under another name in messages and reports. */
    public MigrationTarget withLabel(String newLabel) {
        return new MigrationTarget(jdbcUrl, user, password, newLabel);
    }

    /**
     * The URL of a session named {@code applicationName} in {@code pg_stat_activity} that runs under
     * {@code guardrails} from its first statement. Holds no secret.
     */
    public String sessionUrl(String applicationName, Guardrails guardrails) {
        return url(applicationName, guardrails.startupOptions());
    }

    /**
     * A new connection of our own (not Flyway's) as {@link #sessionUrl} describes, its {@code search_path} also pinned
     * to {@code pg_catalog, pg_temp} ({@link PgJdbc#PINNED_SEARCH_PATH}): our own SQL (locks, restore points, catalog
     * reads) names every object it touches, and must not call what a role that owns objects here planted. The caller
     * closes it.
     */
    public Connection connect(String applicationName, Guardrails guardrails) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password.reveal());
        return PgJdbc.connect(url(applicationName, guardrails.startupOptions() + " " + PgJdbc.PINNED_SEARCH_PATH), properties);
    }

    private String url(String applicationName, String options) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "ApplicationName=" + encode(applicationName)
                + "&options=" + encode(options);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return label + " (" + user + " at " + jdbcUrl + ")";
    }
}
