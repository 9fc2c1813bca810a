package io.dbbranch.engine.data;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.data.BranchDataResult.Action;
import io.dbbranch.engine.data.BranchDataResult.TableOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes a full copy schema-only: every user table but the kept ones emptied in one transaction, sequences restarted,
 * materialized views refreshed, the emptied tables' statistics deleted. Or, after a provider made the branch schema-only itself,
 * checks that it did.
 */
final class SchemaOnlyStep {
    private SchemaOnlyStep() {
    }

    static List<TableOutcome> empty(Connection session, List<TableRef> keep, Consumer<List<Long>> statisticsEraser,
                                    List<String> warnings) throws SQLException {
        List<DataCatalog.Table> tables = DataCatalog.tables(session);
        Map<TableRef, DataCatalog.Table> byRef = tables.stream().collect(Collectors.toMap(DataCatalog.Table::ref, Function.identity()));
        List<String> unknown = keep.stream().filter(ref -> !byRef.containsKey(ref)).map(TableRef::toString).toList();
        if (!unknown.isEmpty()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Keep the rows of " + keep + " on a schema-only branch",
                    "there is no table " + String.join(", ", unknown), "Name tables as schema.table (public. may be left out)");
        }
        Set<TableRef> kept = Set.copyOf(keep);
        List<DataCatalog.Table> emptied = tables.stream().filter(t -> !kept.contains(t.ref())).toList();
        List<DataCatalog.Table> keptTables = tables.stream().filter(t -> kept.contains(t.ref())).toList();
        InTransaction.run(session, () -> {
            Truncation.truncate(session, emptied);
            Truncation.resetSequences(session, keptTables);
            DerivedData.refreshMaterializedViews(session);
        });
        DerivedData.forget(emptied, statisticsEraser, warnings);
        List<TableOutcome> outcomes = new ArrayList<>();
        for (DataCatalog.Table table : tables) {
            boolean keptRows = kept.contains(table.ref());
            outcomes.add(new TableOutcome(table.ref().toString(), keptRows ? Action.KEPT : Action.EMPTIED,
                    keptRows ? count(session, table) : 0, List.of()));
        }
        return outcomes;
    }

    /** Checks that no user table of a native schema-only branch has a row. */
    static List<TableOutcome> verifyEmpty(Connection session) throws SQLException {
        List<TableOutcome> outcomes = new ArrayList<>();
        List<String> withRows = new ArrayList<>();
        try (Statement statement = session.createStatement()) {
            for (DataCatalog.Table table : DataCatalog.tables(session)) {
                try (var row = statement.executeQuery("SELECT EXISTS (SELECT FROM " + table.quoted() + ")")) {
                    row.next();
                    if (row.getBoolean(1)) {
                        withRows.add(table.ref().toString());
                    }
                }
                outcomes.add(new TableOutcome(table.ref().toString(), Action.EMPTIED, 0, List.of()));
            }
        }
        if (!withRows.isEmpty()) {
            throw DbBranchException.of(ErrorCode.PROVIDER_ERROR, "Check the provider's schema-only branch",
                    "these tables have rows: " + String.join(", ", withRows), "Report this to the provider; the branch was not handed out");
        }
        return outcomes;
    }

    private static long count(Connection session, DataCatalog.Table table) throws SQLException {
        try (Statement statement = session.createStatement();
             var row = statement.executeQuery("SELECT pg_catalog.count(*) FROM " + table.quoted())) {
            row.next();
            return row.getLong(1);
        }
    }
}
