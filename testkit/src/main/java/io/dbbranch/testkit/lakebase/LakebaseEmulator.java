package io.dbbranch.testkit.lakebase;

import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.testkit.emulator.BackingPostgres;
import io.dbbranch.testkit.emulator.EmulatorServer;
import io.dbbranch.testkit.emulator.ErrorStyle;
import io.dbbranch.testkit.emulator.Faults;
import io.dbbranch.testkit.emulator.TokenSigner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An emulator of one Databricks workspace with one Lakebase project, for tests and for trying dbbranch without an
 * account. It speaks the subset of the REST API the Lakebase provider uses (OIDC M2M tokens, branches with
 * pagination and expiry, long-running operations, endpoints, database credentials) and is written from the API
 * contract alone, sharing no code with the provider.
 *
 * <p>Behind it runs a real PostgreSQL 17 ({@link BackingPostgres}): the project's default branch {@code main} is a
 * database, a new branch is a copy of its parent's database named after the branch id, and a database credential
 * is a JWT signed by the emulator that is the password of a login role named after the caller's identity, valid
 * until the token expires. Clients connect to {@code 127.0.0.1:}{@link #postgresPort()} without TLS, to the database
 * named like the branch. Expired branches are deleted by the emulator, as Lakebase does.
 *
 * <p>Differences from the service: all branches share one server, so one identity has one password at a time
 * (minting a credential replaces that identity's previous one for new logins); branching from a point in time is
 * refused with 400 for now; copying a branch disconnects sessions left on its parent.
 */
public final class LakebaseEmulator implements AutoCloseable {
    /** The demo service principal, personal access token and its user; all replaceable through {@link Options}. */
    public record Identities(String clientId, String clientSecret, String personalAccessToken, String patUser) {
        public Identities {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(personalAccessToken, "personalAccessToken");
            Objects.requireNonNull(patUser, "patUser");
        }

        public static Identities demo() {
            return new Identities("6f0c7a52-1b3d-4e8f-9a21-dbb0a0c1e5d7", "dose-demo-secret", "dapi-demo-token",
                    "demo@example.com");
        }
    }

    /**
     * Where and as whom the emulator runs.
     *
     * @param home           folder for the PostgreSQL cluster and the signing key (reused across runs)
     * @param port           HTTP port, 0 for a free one
     * @param project        the project id
     * @param identities     who may sign in
     * @param settings       the backing server's settings ({@link ClusterSettings#ephemeral()} for tests)
     * @param expiryInterval how often expired branches are deleted
     */
    public record Options(Path home, int port, String project, Identities identities, ClusterSettings settings,
                          Duration expiryInterval) {
        public Options {
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(identities, "identities");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(expiryInterval, "expiryInterval");
        }

        public static Options in(Path home) {
            return new Options(home, 0, "demo", Identities.demo(), ClusterSettings.durable(), Duration.ofSeconds(10));
        }

        public Options withPort(int newPort) {
            return new Options(home, newPort, project, identities, settings, expiryInterval);
        }

        public Options withProject(String newProject) {
            return new Options(home, port, newProject, identities, settings, expiryInterval);
        }

        public Options withIdentities(Identities newIdentities) {
            return new Options(home, port, project, newIdentities, settings, expiryInterval);
        }

        public Options withSettings(ClusterSettings newSettings) {
            return new Options(home, port, project, identities, newSettings, expiryInterval);
        }
    }

    /** The default branch every project starts with. */
    public static final String DEFAULT_BRANCH = "main";

    private final Options options;
    private final Tuning tuning = new Tuning();
    private final BackingPostgres postgres;
    private final BranchStore store;
    private final EmulatorServer server;
    private final ScheduledExecutorService reaper;

    private LakebaseEmulator(Options options, Clock clock) throws IOException, SQLException {
        this.options = options;
        this.postgres = BackingPostgres.start(options.home(), options.settings());
        try {
            this.store = new BranchStore(postgres, options.project(), DEFAULT_BRANCH, clock);
            TokenSigner signer = new TokenSigner(options.home(), "dbbranch-lakebase-emulator", clock);
            AuthRoutes auth = new AuthRoutes(options.identities(), signer, store, postgres, tuning, clock);
            this.server = new EmulatorServer(options.port(), ErrorStyle.DATABRICKS, auth::authenticate);
            auth.register(server, server.uri().toString());
            new BranchRoutes(store, new OperationStore(clock), tuning, clock, "127.0.0.1").register(server);
            server.start();
        } catch (IOException | SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        this.reaper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lakebase-emulator-expiry");
            thread.setDaemon(true);
            return thread;
        });
        long every = options.expiryInterval().toMillis();
        reaper.scheduleWithFixedDelay(this::deleteExpired, every, every, TimeUnit.MILLISECONDS);
    }

    /** Starts an emulator (and its PostgreSQL server) as {@code options} say. */
    public static LakebaseEmulator start(Options options) {
        try {
            return new LakebaseEmulator(options, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the emulator's PostgreSQL server: " + e.getMessage(), e);
        }
    }

    /** The workspace URL to configure in the provider. */
    public URI workspaceUrl() {
        return server.uri();
    }

    public String project() {
        return options.project();
    }

    public Identities identities() {
        return options.identities();
    }

    /** The port the branches' PostgreSQL server listens on (at 127.0.0.1, no TLS). */
    public int postgresPort() {
        return postgres.port();
    }

    /** The backing PostgreSQL server, for tests that look behind the API. */
    public BackingPostgres postgres() {
        return postgres;
    }

    /** Faults to play on the next requests, by route name (see {@link BranchRoutes} and {@link AuthRoutes}). */
    public Faults faults() {
        return server.faults();
    }

    public Tuning tuning() {
        return tuning;
    }

    /** The ids of the project's branches, oldest first. */
    public List<String> branchIds() {
        return store.all().stream().map(b -> b.id).toList();
    }

    /** Logs a line per request to {@code out} (never headers or bodies). */
    public LakebaseEmulator logTo(PrintStream out) {
        server.logTo(out);
        return this;
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        server.close();
        postgres.close();
    }

    private void deleteExpired() {
        try {
            store.deleteExpired();
        } catch (SQLException | RuntimeException e) {
            System.err.println("lakebase emulator: deleting expired branches failed: " + e.getMessage());
        }
    }
}
