package io.dbbranch.testkit.neon;

import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.HttpSettings;
import io.dbbranch.engine.http.RetryPolicy;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.neon.NeonConfig;
import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.testkit.emulator.BackingPostgres;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.ServerAccount;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension (register it as a static {@code @RegisterExtension} field; it stops after the class): a Neon
 * emulator on the test JVM's shared PostgreSQL server (its own project, so tests do not see each other's
 * branches), whose {@code main} holds a table of 10 rows, and providers configured for it with quick polls and
 * retries. Records the emulator's request log, so tests can count what reached it.
 */
final class NeonTestbed implements AutoCloseable, AfterAllCallback {
    static final String OWNER = "test@dbbranch";
    private static final AtomicInteger PROJECTS = new AtomicInteger();

    final NeonEmulator emulator;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Path home;

    NeonTestbed() {
        this((String) null);
    }

    /** @param endpointDomain endpoints named {@code <id>.<domain>} (not resolvable), or null for 127.0.0.1 */
    NeonTestbed(String endpointDomain) {
        this(NeonEmulator.Options.sharing(TestPostgres.cluster(), "test-" + ProcessHandle.current().pid() + "-"
                + PROJECTS.incrementAndGet()).withEndpointDomain(endpointDomain), null);
    }

    /**
     * A testbed whose emulator runs its own server in a temporary folder, with a history (WAL archive and base backups)
     * for branches of the past; the folder is removed after the class.
     */
    static NeonTestbed withHistory() {
        try {
            Path home = ServerAccount.current().letEnter(Files.createTempDirectory("dbbranch-neon-history"));
            return new NeonTestbed(NeonEmulator.Options.in(home).withSettings(ClusterSettings.ephemeral()), home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private NeonTestbed(NeonEmulator.Options options, Path home) {
        this.home = home;
        emulator = NeonEmulator.start(options);
        emulator.logTo(new PrintStream(log, true, StandardCharsets.UTF_8));
        emulator.tuning().operationDuration(Duration.ofSeconds(2));
        try {
            emulator.postgres().adminExecute(mainDatabase(),
                    "CREATE TABLE IF NOT EXISTS final_entities (id bigint PRIMARY KEY, name text NOT NULL)",
                    "INSERT INTO final_entities SELECT g, 'entity ' || g FROM generate_series(1, 10) g ON CONFLICT DO NOTHING");
        } catch (SQLException e) {
            emulator.close();
            throw new IllegalStateException(e);
        }
    }

    String mainDatabase() {
        return emulator.branchId(NeonEmulator.DEFAULT_BRANCH).orElseThrow();
    }

    /**
     * The provider's settings for this emulator: 50 ms polls, retries from 50 ms within 20 s, answers awaited 30 s (a
     * restore starts a recovery server, which takes longer than 10 s on a busy machine).
     */
    NeonConfig config() {
        RetryPolicy retry = RetryPolicy.defaults().withRetryStatus(423).withBackoff(Duration.ofMillis(50), Duration.ofSeconds(3))
                .withMaxAttempts(12).withMaxElapsed(Duration.ofSeconds(20));
        return NeonConfig.of(emulator.project(), Secret.of(emulator.apiKey()), OWNER)
                .withApiUrl(emulator.apiUrl())
                .withDatabaseName("{branch}")
                .withConnection(emulator.postgresPort(), "disable")
                .withPollInterval(Duration.ofMillis(50))
                .withHttp(HttpSettings.defaults().withRetry(retry).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    NeonProvider provider() {
        return new NeonProvider(config());
    }

    LeaseSpec.Builder lease(Path secrets) {
        return LeaseSpec.builder(NeonEmulator.DEFAULT_BRANCH).owner(OWNER).namePrefix("ci").job("neon-test")
                .secretsDirectory(secrets).readyTimeout(Duration.ofSeconds(60));
    }

    /** The branches besides {@code main}. */
    List<String> branchesBesideMain() {
        return emulator.branchNames().stream().filter(name -> !name.equals(NeonEmulator.DEFAULT_BRANCH)).toList();
    }

    /** Whether the backing server has a login role of that name. */
    boolean loginRoleExists(String role) {
        return TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_roles WHERE rolname = "
                + BackingPostgres.literal(role)) > 0;
    }

    boolean databaseExists(String database) {
        return TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname = "
                + BackingPostgres.literal(database)) > 0;
    }

    /** How many requests the emulator answered as {@code "<METHOD> <path suffix> -> <status>"} lines say. */
    long requests(String method, String pathSuffix, String outcome) {
        return log.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith(method + " ") && line.contains(pathSuffix + " -> " + outcome)).count();
    }

    String requestLog() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        emulator.close();
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
