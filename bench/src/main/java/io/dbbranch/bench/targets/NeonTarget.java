package io.dbbranch.bench.targets;

import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.HttpSettings;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.neon.NeonConfig;
import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.testkit.neon.NeonEmulator;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Neon emulator in this JVM, over its own PostgreSQL (fsync off). Its own expiry sweep is slowed to an hour,
 * so that what cleans up after a killed build is the engine's {@code Reaper}. Neon branch ids are not names, so a
 * create carried out twice shows as one name held twice.
 */
final class NeonTarget extends EmulatedTarget {
    private final NeonEmulator emulator;

    private NeonTarget(Path home, NeonEmulator emulator) {
        super("neon", home, emulator);
        this.emulator = emulator;
    }

    static NeonTarget start(Path work) throws SQLException {
        return start(work, "neon", home -> {
            return new NeonTarget(home, NeonEmulator.start(NeonEmulator.Options.in(home).withSettings(ClusterSettings.ephemeral())
                    .withExpiryInterval(Duration.ofHours(1))));
        });
    }

    @Override
    void seedParent() throws SQLException {
        // The default branch's database is named after its id.
        seed(emulator.postgres(), emulator.branchId(NeonEmulator.DEFAULT_BRANCH).orElseThrow());
    }

    /** The provider a child JVM builds from {@link #childArguments}. */
    static BranchProvider connect(Map<String, String> options) {
        return new NeonProvider(config(URI.create(options.get("api")), options.get("project"), options.get("api-key"),
                Integer.parseInt(options.get("pg-port")), HttpSettings.defaults().maxConnections()));
    }

    private static NeonConfig config(URI api, String project, String apiKey, int postgresPort, int maxConnections) {
        // The product's HTTP defaults (retries of 429, 503 and 423 included); only polls are quicker.
        return NeonConfig.of(project, Secret.of(apiKey), OWNER).withApiUrl(api).withDatabaseName("{branch}")
                .withConnection(postgresPort, "disable").withPollInterval(POLL)
                .withHttp(http(NeonConfig.defaultHttp(), maxConnections));
    }

    @Override
    public Optional<URI> api() {
        return Optional.of(emulator.apiUrl());
    }

    @Override
    public String parent() {
        return NeonEmulator.DEFAULT_BRANCH;
    }

    @Override
    public BranchProvider provider(URI api, int maxConnections) {
        return new NeonProvider(config(api, emulator.project(), emulator.apiKey(), emulator.postgresPort(), maxConnections));
    }

    @Override
    public List<String> childArguments(URI api) {
        return List.of("--api", api.toString(), "--project", emulator.project(), "--api-key", emulator.apiKey(),
                "--pg-port", Integer.toString(emulator.postgresPort()));
    }

    @Override
    public void removeInjectedLatency() {
        emulator.tuning().operationPolls(0).endpointPolls(0);
    }

    /** The first branch of a name carries its real id; any further one of the same name is told apart by its rank. */
    @Override
    public List<ServiceBranch> branches() {
        Map<String, Integer> seen = new HashMap<>();
        List<ServiceBranch> branches = new ArrayList<>();
        for (String name : emulator.branchNames()) {
            int rank = seen.merge(name, 1, Integer::sum);
            if (rank > 1) {
                branches.add(new ServiceBranch(name + "#" + rank, name));
            } else {
                // Looked up apart from the listing: a branch deleted in between is simply gone.
                emulator.branchId(name).ifPresent(id -> branches.add(new ServiceBranch(id, name)));
            }
        }
        return branches;
    }
}
