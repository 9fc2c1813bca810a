package io.dbbranch.bench.targets;

import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.HttpSettings;
import io.dbbranch.engine.lakebase.LakebaseConfig;
import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.testkit.lakebase.LakebaseEmulator;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Lakebase emulator in this JVM, over its own PostgreSQL (fsync off). Its own expiry sweep is slowed to an hour,
 * so that what cleans up after a killed build is the engine's {@code Reaper}, the code under test.
 */
final class LakebaseTarget extends EmulatedTarget {
    private final LakebaseEmulator emulator;

    private LakebaseTarget(Path home, LakebaseEmulator emulator) {
        super("lakebase", home, emulator);
        this.emulator = emulator;
    }

    static LakebaseTarget start(Path work) throws SQLException {
        return start(work, "lakebase", home -> {
            LakebaseEmulator.Options defaults = LakebaseEmulator.Options.in(home).withSettings(ClusterSettings.ephemeral());
            return new LakebaseTarget(home, LakebaseEmulator.start(new LakebaseEmulator.Options(home, defaults.port(),
                    defaults.project(), defaults.identities(), defaults.settings(), Duration.ofHours(1),
                    defaults.historyRetention())));
        });
    }

    @Override
    void seedParent() throws SQLException {
        seed(emulator.postgres(), LakebaseEmulator.DEFAULT_BRANCH);
    }

    /** The provider a child JVM builds from {@link #childArguments}. */
    static BranchProvider connect(Map<String, String> options) {
        return new LakebaseProvider(config(URI.create(options.get("api")), options.get("project"), options.get("client-id"),
                options.get("client-secret"), Integer.parseInt(options.get("pg-port")), HttpSettings.defaults().maxConnections()));
    }

    private static LakebaseConfig config(URI api, String project, String clientId, String clientSecret, int postgresPort,
                                         int maxConnections) {
        // The product's HTTP defaults (retries included); only the poll interval is shortened.
        return LakebaseConfig.builder().workspaceUrl(api.toString()).project(project)
                .servicePrincipal(clientId, Secret.of(clientSecret)).port(postgresPort).sslMode("disable")
                .database("{branch}").namePrefix(NAME_PREFIX).owner(OWNER).pollInterval(POLL)
                .http(http(HttpSettings.defaults(), maxConnections)).build();
    }

    @Override
    public Optional<URI> api() {
        return Optional.of(emulator.workspaceUrl());
    }

    @Override
    public String parent() {
        return LakebaseEmulator.DEFAULT_BRANCH;
    }

    @Override
    public BranchProvider provider(URI api, int maxConnections) {
        return new LakebaseProvider(config(api, emulator.project(), emulator.identities().clientId(),
                emulator.identities().clientSecret(), emulator.postgresPort(), maxConnections));
    }

    @Override
    public List<String> childArguments(URI api) {
        return List.of("--api", api.toString(), "--project", emulator.project(), "--client-id",
                emulator.identities().clientId(), "--client-secret", emulator.identities().clientSecret(),
                "--pg-port", Integer.toString(emulator.postgresPort()));
    }

    @Override
    public void removeInjectedLatency() {
        emulator.tuning().operationPolls(0).endpointPolls(0);
    }

    @Override
    public List<ServiceBranch> branches() {
        return emulator.branchIds().stream().map(id -> new ServiceBranch(id, id)).toList();
    }
}
