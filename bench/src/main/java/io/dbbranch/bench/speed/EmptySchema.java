package io.dbbranch.bench.speed;

import io.dbbranch.bench.data.ShopSchema;
import io.dbbranch.bench.support.BenchServer;
import java.sql.SQLException;

/** Where (b) and (c) start: a fresh database with every migration applied, each step timed. */
final class EmptySchema {
    private EmptySchema() {
    }

    static void create(BenchServer server, String name, Stopwatch watch) throws SQLException {
        server.createDatabase(name);
        watch.lap("create");
        ShopSchema.migrate(server.cluster(), name);
        watch.lap("migrate");
    }
}
