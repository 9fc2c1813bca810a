package io.dbbranch.bench.speed;

import io.dbbranch.bench.data.ShopData;
import io.dbbranch.bench.data.ShopLoader;
import io.dbbranch.bench.support.BenchServer;
import java.sql.Connection;

/**
 * (b) What teams do without branching (the Testcontainers way): a fresh database, every Flyway migration, then
 * the data loaded with {@code COPY} from CSV already generated in memory (generation is not timed).
 */
final class FreshLoadWay implements ReadyDatabaseWay {
    private final BenchServer server;
    private final ShopData data;

    FreshLoadWay(BenchServer server, ShopData data) {
        this.server = server;
        this.data = data;
    }

    @Override
    public String key() {
        return "fresh";
    }

    @Override
    public String label() {
        return "(b) fresh + migrate + load";
    }

    @Override
    public ReadyDatabase make(String name) throws Exception {
        Stopwatch watch = new Stopwatch();
        EmptySchema.create(server, name, watch);
        try (Connection connection = server.connect(name)) {
            ShopLoader.load(connection, data);
        }
        watch.lap("load");
        return new ReadyDatabase(name, watch.total(), watch.steps(), () -> SpeedBenchmark.drop(server, name));
    }
}
