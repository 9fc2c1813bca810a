package io.dbbranch.bench.targets;

import io.dbbranch.bench.support.BenchServer;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.BranchProvider;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local provider on a cluster of its own. It has no REST API, so no faults are injected; kills and the
 * process-kill run with the reaper still apply.
 */
final class LocalTarget implements Target {
    static final String PARENT = "soak-parent";

    private final BenchServer server;

    private LocalTarget(BenchServer server) {
        this.server = server;
    }

    static LocalTarget start(Path work) throws SQLException {
        BenchServer server = BenchServer.start(work, ClusterSettings.ephemeral());
        try {
            server.createDatabase(PARENT);
            server.execute(PARENT, "CREATE TABLE greeting (id int PRIMARY KEY, text text NOT NULL)",
                    "INSERT INTO greeting VALUES (1, 'hello from the soak parent')");
            return new LocalTarget(server);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The provider a child JVM builds from {@link #childArguments}. */
    static BranchProvider connect(Map<String, String> options) {
        return new LocalProvider(new LocalCluster(Path.of(options.get("cluster")), ClusterSettings.ephemeral()),
                OWNER);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Optional<URI> api() {
        return Optional.empty();
    }

    @Override
    public String parent() {
        return PARENT;
    }

    @Override
    public BranchProvider provider(URI api, int maxConnections) {
        return new LocalProvider(server.cluster(), OWNER);
    }

    @Override
    public List<String> childArguments(URI api) {
        return List.of("--cluster", server.cluster().directory().toString());
    }

    @Override
    public List<ServiceBranch> branches() {
        try {
            // A role left without its database is a leftover too (a create or teardown killed half-way).
            return Stream.concat(server.databases("").stream(), server.rolesWithoutDatabase("").stream())
                    .map(name -> new ServiceBranch(name, name)).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the databases of the soak cluster: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
