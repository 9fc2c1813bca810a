package io.dbbranch.bench.data;

import io.dbbranch.engine.local.LocalCluster;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the shop schema's Flyway migrations, as a team's build or test set-up would. */
public final class ShopSchema {
    private ShopSchema() {
    }

    /** Runs every migration on {@code database} of {@code cluster} as its superuser; returns how many ran. */
    public static int migrate(LocalCluster cluster, String database) {
        Flyway flyway = Flyway.configure(ShopSchema.class.getClassLoader())
                .dataSource(cluster.details(database).jdbcUrl(), LocalCluster.ADMIN_USER, cluster.adminPassword().reveal())
                .locations(ShopData.MIGRATIONS)
                .loggers("slf4j")
                .load();
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
    }
}
