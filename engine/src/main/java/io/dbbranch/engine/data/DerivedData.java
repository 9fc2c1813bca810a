package io.dbbranch.engine.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/**
 * What PostgreSQL derived from the rows before they were masked or emptied, and would otherwise still show:
 * materialized views (copies of query results), planner statistics ({@code pg_stats} lists a column's most common
 * values and histogram bounds, real values, to anyone who may read the column) and old row versions.
 */
final class DerivedData {
    private DerivedData() {
    }

    /** Refreshes every populated materialized view; part of the caller's transaction. A view the role may not refresh stops it. */
    static void refreshMaterializedViews(Connection session) throws SQLException {
        try (Statement statement = session.createStatement()) {
            for (DataCatalog.MaterializedView view : DataCatalog.materializedViews(session)) {
                if (!view.mine()) {
                    throw io.dbbranch.engine.DbBranchException.of(io.dbbranch.engine.ErrorCode.PERMISSION_DENIED,
                            "Refresh the materialized view " + view.name() + " after changing the branch's rows",
                            "the branch's role does not own it, and it still holds the parent's rows",
                            "Make the lease's role its owner, or drop the view in the parent");
                }
                statement.execute("REFRESH MATERIALIZED VIEW " + view.name());
            }
        }
    }

    /**
     * Has the statistics of emptied tables deleted by {@code eraser} (the provider's administrator: {@code ANALYZE} of an
     * empty table keeps the old ones, and only a superuser may delete them); without one, says so in {@code warnings}.
     */
    static void forget(List<DataCatalog.Table> emptied, Consumer<List<Long>> eraser, List<String> warnings) {
        if (emptied.isEmpty()) {
            return;
        }
        if (eraser == null) {
            warnings.add("the statistics of the emptied tables could not be deleted on this provider: pg_stats may still show "
                    + "values of the parent's rows for " + String.join(", ", emptied.stream().map(t -> t.ref().toString()).toList()));
            return;
        }
        eraser.accept(emptied.stream().map(DataCatalog.Table::oid).toList());
    }

    /**
     * {@code VACUUM (ANALYZE)} of the masked {@code tables}, after the commit: the statistics are recomputed from the masked
     * rows, and the old row versions the masking left behind (real values, readable by no role but a superuser) are
     * pruned now, rather than by an autovacuum worker that would hold the branch busy — a masked parent with an
     * autovacuum worker in it cannot be copied by {@code CREATE DATABASE … TEMPLATE} until it ends. A table the role
     * may not vacuum is named in {@code warnings}.
     */
    static void vacuum(Connection session, List<DataCatalog.Table> tables, List<String> warnings) throws SQLException {
        try (Statement statement = session.createStatement()) {
            for (DataCatalog.Table table : tables) {
                if (table.mine()) {
                    statement.execute("VACUUM (ANALYZE) " + table.quoted());
                } else {
                    warnings.add("the statistics of " + table.ref() + " were not recomputed (the branch's role does not own it): "
                            + "pg_stats may still show values of the parent's rows");
                }
            }
        }
    }
}
