package io.dbbranch.bench.data;

import io.dbbranch.bench.support.BenchServer;
import java.sql.Connection;
import java.sql.SQLException;

/** A parent database of shop data, as production would hold it: the schema's migrations, the data, fresh statistics. */
public final class ShopParent {
    private ShopParent() {
    }

    /** Creates {@code name} on {@code server}, migrates it with the shop schema and loads {@code data} into it. */
    public static void build(BenchServer server, String name, ShopData data) throws SQLException {
        server.createDatabase(name);
        ShopSchema.migrate(server.cluster(), name);
        try (Connection connection = server.connect(name)) {
            ShopLoader.load(connection, data);
        }
        server.execute(name, "VACUUM ANALYZE");
    }
}
