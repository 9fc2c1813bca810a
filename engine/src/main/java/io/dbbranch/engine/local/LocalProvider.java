package io.dbbranch.engine.local;

import io.dbbranch.engine.postgres.PostgresConfig;
import io.dbbranch.engine.postgres.PostgresProvider;

/**
 * The default provider: branches in an embedded PostgreSQL 17 cluster under the local home, started on
 * demand and left running between calls, so anyone can try everything with nothing installed.
 */
public class LocalProvider extends PostgresProvider {
    private final LocalCluster cluster;

    public LocalProvider(LocalCluster cluster, String owner) {
        super(configFor(cluster, owner));
        this.cluster = cluster;
    }

    /** A provider on the cluster in {@code home}, with durable settings. */
    public static LocalProvider open(LocalHome home, String owner) {
        return new LocalProvider(new LocalCluster(home.clusterDirectory(), ClusterSettings.durable()), owner);
    }

    private static PostgresConfig configFor(LocalCluster cluster, String owner) {
        int port = cluster.start();
        return new PostgresConfig("127.0.0.1", port, "postgres", LocalCluster.ADMIN_USER, cluster.adminPassword(),
                "disable", null, owner);
    }

    @Override
    public String kind() {
        return "local";
    }

    public LocalCluster cluster() {
        return cluster;
    }
}
