package io.dbbranch.testkit.neon;

import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.testkit.emulator.BackingPostgres;
import io.dbbranch.testkit.emulator.EmulatorServer;
import io.dbbranch.testkit.emulator.ErrorStyle;
import io.dbbranch.testkit.emulator.Faults;
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
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
 * <p>Differences from the service: all branches share one server, so a role name can exist on one branch at a time
 * and a branch starts without its parent's roles; branching or restoring from a point in time is refused with 400 for
 * now; copying a branch disconnects sessions left on its parent; there is no pooler.
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
     * @param expiryInterval how often expired branches are deleted
     */
    public record Options(Path home, int port, String project, String apiKey, ClusterSettings settings,
                          LocalCluster shared, String endpointDomain, Duration expiryInterval) {
        public Options {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(expiryInterval, "expiryInterval");
            if (home == null && shared == null) {
                throw new IllegalArgumentException("give a home folder or a shared cluster");
            }
        }

        public static Options in(Path home) {
            return new Options(home, 0, "demo-project", "neon-demo-api-key", ClusterSettings.durable(), null, null,
                    Duration.ofSeconds(10));
        }

        /** Keeps the branches in {@code cluster}, which someone else runs (a test JVM's shared server). */
        public static Options sharing(LocalCluster cluster, String project) {
            return new Options(null, 0, project, "neon-demo-api-key", ClusterSettings.ephemeral(), cluster, null,
                    Duration.ofSeconds(10));
        }

        public Options withPort(int newPort) {
            return new Options(home, newPort, project, apiKey, settings, shared, endpointDomain, expiryInterval);
        }

        public Options withProject(String newProject) {
            return new Options(home, port, newProject, apiKey, settings, shared, endpointDomain, expiryInterval);
        }

        public Options withApiKey(String newKey) {
            return new Options(home, port, project, newKey, settings, shared, endpointDomain, expiryInterval);
        }

        public Options withEndpointDomain(String domain) {
            return new Options(home, port, project, apiKey, settings, shared, domain, expiryInterval);
        }

        public Options withExpiryInterval(Duration interval) {
            return new Options(home, port, project, apiKey, settings, shared, endpointDomain, interval);
        }
    }

    private final Options options;
    private final NeonTuning tuning = new NeonTuning();
    private final BackingPostgres postgres;
    private final ProjectStore store;
    private final NeonOperations operations;
    private final EmulatorServer server;
    private final ScheduledExecutorService background;

    private NeonEmulator(Options options, Clock clock) throws IOException, SQLException {
        this.options = options;
        this.postgres = options.shared() != null ? BackingPostgres.shared(options.shared())
                : BackingPostgres.start(options.home(), options.settings());
        try {
            this.store = new ProjectStore(postgres, options.project(), clock);
            this.operations = new NeonOperations(options.project(), tuning, clock);
            String bearer = "Bearer " + options.apiKey();
            this.server = new EmulatorServer(options.port(), ErrorStyle.NEON,
                    header -> bearer.equals(header) ? Optional.of("api-key") : Optional.empty());
            ProjectScope scope = new ProjectScope(store, operations, tuning, clock, options.endpointDomain());
            new BranchRoutes(scope).register(server);
            new BranchListing(scope).register(server);
            new ComputeRoutes(scope).register(server);
            new RoleRoutes(scope).register(server);
            server.start();
        } catch (IOException | SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        this.background = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "neon-emulator-background");
            thread.setDaemon(true);
            return thread;
        });
        background.scheduleWithFixedDelay(operations::finishOverdue, 200, 200, TimeUnit.MILLISECONDS);
        long every = options.expiryInterval().toMillis();
        background.scheduleWithFixedDelay(this::deleteExpired, every, every, TimeUnit.MILLISECONDS);
    }

    /** Starts an emulator (and, unless it shares one, its PostgreSQL server) as {@code options} say. */
    public static NeonEmulator start(Options options) {
        try {
            return new NeonEmulator(options, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the emulator's PostgreSQL server: " + e.getMessage(), e);
        }
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

    /** The port the branches' PostgreSQL server listens on (at 127.0.0.1, no TLS). */
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
        background.shutdownNow();
        server.close();
        postgres.close();
    }

    private void deleteExpired() {
        try {
            store.deleteExpired().forEach(operations::forget);
        } catch (SQLException | RuntimeException e) {
            System.err.println("neon emulator: deleting expired branches failed: " + e.getMessage());
        }
    }
}
