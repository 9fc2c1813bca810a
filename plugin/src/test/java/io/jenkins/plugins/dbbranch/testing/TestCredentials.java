package io.jenkins.plugins.dbbranch.testing;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.util.Secret;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.testing.TestPostgres;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import io.jenkins.plugins.dbbranch.config.PostgresConnection;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/** Global credentials for the test server, and a {@code postgres} connection that uses them. */
public final class TestCredentials {
    private TestCredentials() {
    }

    /** The test server's superuser as "Username with password" credentials. */
    public static UsernamePasswordCredentialsImpl admin(String id) throws Exception {
        return usernamePassword(id, LocalCluster.ADMIN_USER, TestPostgres.cluster().adminPassword().reveal());
    }

    /** Any "Username with password" credentials. */
    public static UsernamePasswordCredentialsImpl usernamePassword(String id, String username, String password) throws Exception {
        return add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, id, "test credentials", username, password));
    }

    /** A "Secret text" credential. */
    public static StringCredentialsImpl secretText(String id, String value) throws Exception {
        return add(new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "a token", Secret.fromString(value)));
    }

    /** Configures the only connection, {@code pg}, on the test server with the credentials {@code credentialsId}. */
    public static PostgresConnection usePostgresConnection(String credentialsId) {
        PostgresConnection postgres = new PostgresConnection("pg");
        postgres.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + TestPostgres.cluster().start() + "/postgres?sslmode=disable");
        postgres.setCredentialsId(credentialsId);
        DbBranchConfiguration.get().setConnections(List.of(postgres));
        return postgres;
    }

    private static <C extends Credentials> C add(C credentials) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(credentials);
        SystemCredentialsProvider.getInstance().save();
        return credentials;
    }
}
