package io.dbbranch.testkit.lakebase;

import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.testkit.emulator.BackingPostgres;
import io.dbbranch.testkit.emulator.EmulatorServer;
import io.dbbranch.testkit.emulator.EmulatorStart;
import io.dbbranch.testkit.emulator.ErrorStyle;
import io.dbbranch.testkit.emulator.Faults;
import io.dbbranch.testkit.emulator.Housekeeping;
import io.dbbranch.testkit.emulator.TokenSigner;
import io.dbbranch.testkit.pgfront.LoginFront;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An emulator of one Databricks workspace with one Lakebase project, for tests and for trying dbbranch without an
 * account. It speaks the subset of the REST API the Lakebase provider uses (OIDC M2M tokens, the project, branches
 * with pagination, expiry and point-in-time sources, long-running operations, endpoints, database credentials) and
 * is written from the API contract alone, sharing no code with the provider.
 *
 * <p>Behind it runs a real PostgreSQL 17 ({@link BackingPostgres}): the project's default branch {@code main} is a
 * database, a new branch is a copy of its parent's database named after the branch id, and a database credential
 * is a JWT signed by the emulator. Clients connect to {@code 127.0.0.1:}{@link #postgresPort()} without TLS, to the
 * database named like the branch, as the caller's identity with the token as password: there a PostgreSQL login front
 * ({@link io.dbbranch.testkit.pgfront.LoginFront}, {@link TokenLogins}) takes every unexpired token of the identity,
 * however many were minted since, and relays the session to a login role of the identity's name on the backing
 * server. Expired branches are deleted by the emulator, as Lakebase does.
 *
 * <p>Branches of the past ({@code source_branch_time} or {@code source_branch_lsn}) are real point-in-time restores
 * of the backing server's WAL archive and base backups ({@link io.dbbranch.testkit.emulator.BackingHistory}): each is
 * served by a server of its own, whose port its endpoint names ({@code status.hosts.port}, which the service does
 * not send), and its status reports the point the restore reached (the last commit replayed and the end of the last
 * record replayed). The project reports its {@code history_retention_duration}, but the history starts when the
 * emulator first started: earlier points are refused with 400, as are points in the future.
 *
 * <p>Differences from the service: all branches of a server share it, so an identity's role is one for all of them (a
 * token opens every branch it was granted, whichever endpoint it was minted for); copying a branch disconnects
 * sessions left on its parent; a branch of the past has no history of its own (branches of its past are refused).
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
     * @param expiryInterval how often expired branches are deleted (and a base backup is taken when one is due)
     * @param historyRetention the project's {@code history_retention_duration}: how long base backups and WAL are kept
     */
    public record Options(Path home, int port, String project, Identities identities, ClusterSettings settings,
                          Duration expiryInterval, Duration historyRetention) {
        public Options {
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(identities, "identities");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(expiryInterval, "expiryInterval");
            Objects.requireNonNull(historyRetention, "historyRetention");
        }

        /** Defaults: any free port, project {@code demo}, the demo identities, durable settings, 7 days of history. */
        public static Options in(Path home) {
            return new Options(home, 0, "demo", Identities.demo(), ClusterSettings.durable(), Duration.ofSeconds(10),
                    Duration.ofDays(7));
        }

        public Options withPort(int newPort) {
            return new Options(home, newPort, project, identities, settings, expiryInterval, historyRetention);
        }

        public Options withProject(String newProject) {
            return new Options(home, port, newProject, identities, settings, expiryInterval, historyRetention);
        }

        public Options withIdentities(Identities newIdentities) {
            return new Options(home, port, project, newIdentities, settings, expiryInterval, historyRetention);
        }

        public Options withSettings(ClusterSettings newSettings) {
            return new Options(home, port, project, identities, newSettings, expiryInterval, historyRetention);
        }

        public Options withHistoryRetention(Duration newRetention) {
            return new Options(home, port, project, identities, settings, expiryInterval, newRetention);
        }
    }

    /** The default branch every project starts with. */
    public static final String DEFAULT_BRANCH = "main";

    private final Options options;
    private final Tuning tuning = new Tuning();
    private final BackingPostgres postgres;
    private final BranchStore store;
    private final LoginFronts fronts;
    private final EmulatorServer server;
    private final Housekeeping reaper;

    private LakebaseEmulator(Options options, Clock clock) throws IOException, SQLException {
        this.options = options;
        this.postgres = BackingPostgres.start(options.home(), options.settings(), options.historyRetention());
        TokenSigner signer = new TokenSigner(options.home(), "dbbranch-lakebase-emulator", clock);
        TokenLogins logins = new TokenLogins(signer);
        this.fronts = new LoginFronts(LoginFront.Options.loopback(), logins);
        try {
            fronts.port(postgres);
            this.store = new BranchStore(postgres, options.project(), DEFAULT_BRANCH, clock, tuning::maxBranches,
                    fronts::stop);
            AuthRoutes auth = new AuthRoutes(options.identities(), signer, logins, store, tuning, clock);
            this.server = new EmulatorServer(options.port(), ErrorStyle.DATABRICKS, auth::authenticate);
            auth.register(server, server.uri().toString());
            new BranchRoutes(store, new OperationStore(clock), tuning, clock, "127.0.0.1", fronts, options.historyRetention())
                    .register(server);
            server.start();
        } catch (IOException | SQLException | RuntimeException e) {
            fronts.close();
            postgres.close();
            throw e;
        }
        this.reaper = Housekeeping.start("lakebase emulator", "lakebase-emulator-expiry", options.expiryInterval(),
                postgres, store::deleteExpired);
    }

    /** Starts an emulator (and its PostgreSQL server) as {@code options} say. */
    public static LakebaseEmulator start(Options options) {
        return EmulatorStart.unchecked(() -> new LakebaseEmulator(options, Clock.systemUTC()));
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

    /**
     * The port clients log in to with a database credential (at 127.0.0.1, no TLS): the backing server's login front.
     * Branches of the past have their own. The backing server itself ({@link #postgres()}) listens elsewhere.
     */
    public int postgresPort() {
        return fronts.port(postgres);
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
        reaper.close();
        server.close();
        fronts.close();
        postgres.close();
    }
}
