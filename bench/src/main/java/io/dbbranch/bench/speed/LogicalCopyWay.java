package io.dbbranch.bench.speed;

import io.dbbranch.bench.data.ShopLoader;
import io.dbbranch.bench.support.BenchServer;
import java.sql.Connection;
import java.util.List;

/**
 * (c) The pg_dump/restore way, over JDBC: a fresh database, the schema from the same migrations, then every
 * table streamed from the parent with {@code COPY … TO STDOUT} into {@code COPY … FROM STDIN}.
 */
final class LogicalCopyWay implements ReadyDatabaseWay {
    private final BenchServer server;
    private final String parent;
    private final List<String> tables;

    LogicalCopyWay(BenchServer server, String parent, List<String> tables) {
        this.server = server;
        this.parent = parent;
        this.tables = List.copyOf(tables);
    }

    @Override
    public String key() {
        return "copy";
    }

    @Override
    public String label() {
        return "(c) logical copy (COPY out → in)";
    }

    @Override
    public ReadyDatabase make(String name) throws Exception {
        Stopwatch watch = new Stopwatch();
        EmptySchema.create(server, name, watch);
        try (Connection source = server.connect(parent); Connection target = server.connect(name)) {
            ShopLoader.copyTables(source, target, tables);
        }
        watch.lap("copy");
        return new ReadyDatabase(name, watch.total(), watch.steps(), () -> SpeedBenchmark.drop(server, name));
    }
}
