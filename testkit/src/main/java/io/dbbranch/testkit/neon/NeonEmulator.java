package io.dbbranch.testkit.neon;

import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.testkit.emulator.BackingPostgres;
import io.dbbranch.testkit.emulator.EmulatorServer;
import io.dbbranch.testkit.emulator.EmulatorStart;
import io.dbbranch.testkit.emulator.ErrorStyle;
import io.dbbranch.testkit.emulator.Faults;
import io.dbbranch.testkit.emulator.Housekeeping;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An emulator of one Neon project behind the v2 API, for tests and for trying dbbranch without an account. It speaks
 * the subset the Neon provider uses (branches with annotations, search and cursor pagination, expiry, restore;
 * endpoints; operations; roles with reveal and reset of passwords) and is written from the API contract alone, sharing
 * no code with the provider.
 *
 * <p>Behind it runs a real PostgreSQL 17 ({@link BackingPostgres}): the project's default branch {@code main} is a
 * database, a new branch is a copy of its parent's database named after the branch id ({@code br-…}), and a role is
 * a real login role with the password handed out, allowed into its branch's database only. Clients connect to
 * {@code 127.0.0.1:}{@link #postgresPort()} without TLS, to the database named like the branch id. Expired branches
 * are deleted by the emulator, as Neon does; changes to a branch while one of its operations runs meet 423 Locked.
 *
 * <p>Branches of the past ({@code parent_timestamp}, {@code parent_lsn}) and restores to a point
 * ({@code source_timestamp}, {@code source_lsn}, with {@code preserve_under_name}) are real point-in-time restores of
 * the backing server's WAL archive and base backups ({@link BranchRestores}): each such branch is served by a server of
 * its own, whose port its endpoint names ({@code port}, which Neon does not send), and reports the point the restore
 * reached as its {@code parent_timestamp} and {@code parent_lsn}. The project reports its
 * {@code history_retention_seconds}, but the history starts when the emulator first started; an emulator on a shared
 * server keeps none (and reports 0).
 *
 * <p>Differences from the service: branches share a server, so a role name can exist on one branch at a time and a
 * branch starts without its parent's roles; copying a branch disconnects sessions left on its parent; a branch
 * restored from the past has no history of its own; there is no pooler.
 */
public final class NeonEmulator implements AutoCloseable {
    /** The default branch every project starts with. */
    public static final String DEFAULT_BRANCH = ProjectStore.DEFAULT_BRANCH;

    /**
     * Where and how the emulator runs.
     *
     * @param home           folder for the PostgreSQL cluster (reused across runs); unused with {@code shared}
     * @param port           HTTP port, 0 for a free one
     * @param project        the project id
     * @param apiKey         the API key clients must send as a bearer token
     * @param settings       the backing server's settings ({@link ClusterSettings#ephemeral()} for tests)
     * @param shared         a running cluster to keep the branches in instead of one under {@code home}, or null
     * @param endpointDomain endpoints are named {@code <id>.<domain>} when set, {@code 127.0.0.1} when null (the
     *                       names do not resolve: for tests of what a client derives from them)
     * @param expiryInterval how often expired branches are deleted (and a base backup is taken when one is due)
     * @param historyRetention the project's {@code history_retention_seconds}: how long base backups and WAL are kept
     */
    public record Options(Path home, int port, String project, String apiKey, ClusterSettings settings,
                          LocalCluster shared, String endpointDomain, Duration expiryInterval, Duration historyRetention) {
        public Options {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(expiryInterval, "expiryInterval");
            Objects.requireNonNull(historyRetention, "historyRetention");
            if (home == null && shared == null) {
                throw new IllegalArgumentException("give a home folder or a shared cluster");
            }
        }

        /** Defaults: any free port, the demo project and key, durable settings, 1 day of history (Neon's default). */
        public static Options in(Path home) {
            return new Options(home, 0, "demo-project", "neon-demo-api-key", ClusterSettings.durable(), null, null,
                    Duration.ofSeconds(10), Duration.ofDays(1));
        }

        /** Keeps the branches in {@code cluster}, which someone else runs (a test JVM's shared server): no history. */
        public static Options sharing(LocalCluster cluster, String project) {
            return new Options(null, 0, project, "neon-demo-api-key", ClusterSettings.ephemeral(), cluster, null,
                    Duration.ofSeconds(10), Duration.ofDays(1));
        }

        public Options withPort(int newPort) {
            return new Options(home, newPort, project, apiKey, settings, shared, endpointDomain, expiryInterval,
                    historyRetention);
        }

        public Options withProject(String newProject) {
            return new Options(home, port, newProject, apiKey, settings, shared, endpointDomain, expiryInterval,
                    historyRetention);
        }

        public Options withApiKey(String newKey) {
            return new Options(home, port, project, newKey, settings, shared, endpointDomain, expiryInterval,
                    historyRetention);
        }

        public Options withEndpointDomain(String domain) {
            return new Options(home, port, project, apiKey, settings, shared, domain, expiryInterval, historyRetention);
        }

        public Options withSettings(ClusterSettings newSettings) {
            return new Options(home, port, project, apiKey, newSettings, shared, endpointDomain, expiryInterval,
                    historyRetention);
        }

        public Options withHistoryRetention(Duration retention) {
            return new Options(home, port, project, apiKey, settings, shared, endpointDomain, expiryInterval,
                    retention);
        }

        public Options withExpiryInterval(Duration interval) {
            return new Options(home, port, project, apiKey, settings, shared, endpointDomain, interval,
                    historyRetention);
        }
    }

    private final Options options;
    private final NeonTuning tuning = new NeonTuning();
    private final BackingPostgres postgres;
    private final ProjectStore store;
    private final NeonOperations operations;
    private final EmulatorServer server;
    private final Housekeeping background;

    private NeonEmulator(Options options, Clock clock) throws IOException, SQLException {
        this.options = options;
        this.postgres = options.shared() != null ? BackingPostgres.shared(options.shared())
                : BackingPostgres.start(options.home(), options.settings(), options.historyRetention());
        try {
            this.store = new ProjectStore(postgres, options.project(), clock, tuning::maxBranches);
            this.operations = new NeonOperations(options.project(), tuning, clock);
            String bearer = "Bearer " + options.apiKey();
            this.server = new EmulatorServer(options.port(), ErrorStyle.NEON,
                    header -> bearer.equals(header) ? Optional.of("api-key") : Optional.empty());
            ProjectScope scope = new ProjectScope(store, operations, tuning, clock, options.endpointDomain());
            new BranchRoutes(scope).register(server);
            new BranchListing(scope).register(server);
            new ComputeRoutes(scope).register(server);
            new RoleRoutes(scope).register(server);
            new ProjectRoutes(scope, options.historyRetention()).register(server);
            server.start();
        } catch (IOException | SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        this.background = Housekeeping.start("neon emulator", "neon-emulator-background", options.expiryInterval(),
                        postgres, () -> store.deleteExpired().forEach(operations::forget))
                .every(Duration.ofMillis(200), operations::finishOverdue);
    }

    /** Starts an emulator (and, unless it shares one, its PostgreSQL server) as {@code options} say. */
    public static NeonEmulator start(Options options) {
        return EmulatorStart.unchecked(() -> new NeonEmulator(options, Clock.systemUTC()));
    }

    /** The API base URL to configure in the provider ({@code http://127.0.0.1:<port>/api/v2}). */
    public URI apiUrl() {
        return URI.create(server.uri() + "/api/v2");
    }

    public String project() {
        return options.project();
    }

    public String apiKey() {
        return options.apiKey();
    }

    /** The port the backing PostgreSQL server listens on (at 127.0.0.1, no TLS); branches of the past have their own. */
    public int postgresPort() {
        return postgres.port();
    }

    /** The backing PostgreSQL server, for tests that look behind the API. */
    public BackingPostgres postgres() {
        return postgres;
    }

    /** Faults to play on the next requests, by route name (e.g. {@code branches.create}, {@code roles.create}). */
    public Faults faults() {
        return server.faults();
    }

    public NeonTuning tuning() {
        return tuning;
    }

    /** The names of the project's branches, oldest first. */
    public List<String> branchNames() {
        return store.all().stream().map(b -> b.name).toList();
    }

    /** The id of the branch named {@code name}, whose database has the same name. */
    public Optional<String> branchId(String name) {
        return store.all().stream().filter(b -> b.name.equals(name)).map(b -> b.id).findFirst();
    }

    /** The names of the roles made on the branch named {@code name}. */
    public List<String> roleNames(String name) {
        return store.all().stream().filter(b -> b.name.equals(name)).findFirst()
                .map(b -> {
                    synchronized (store) {
                        return List.copyOf(b.roles.keySet());
                    }
                }).orElse(List.of());
    }

    /** Logs a line per request to {@code out} (never headers or bodies). */
    public NeonEmulator logTo(PrintStream out) {
        server.logTo(out);
        return this;
    }

    @Override
    public void close() {
        background.close();
        server.close();
        postgres.close();
    }
}
