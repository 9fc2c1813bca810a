package io.dbbranch.engine.data;

import io.dbbranch.engine.data.BranchDataResult.Action;
import io.dbbranch.engine.data.BranchDataResult.TableOutcome;
import io.dbbranch.engine.data.masking.MaskingRules;
import io.dbbranch.engine.data.masking.MaskingSql;
import io.dbbranch.engine.data.masking.MaskingStrategy;
import io.dbbranch.engine.spi.Progress;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Masks a branch in one transaction: for each masked table, its user triggers off, one {@code UPDATE} setting all its
 * masked columns, its triggers back on; the tables to empty truncated; materialized views refreshed. Then the masked
 * tables are vacuumed and analyzed. Foreign keys that are deferrable are checked at commit, so both sides of a masked
 * key can change.
 *
 * <p>A unique key whose masked values collide (two different values with the same digest prefix of 60 bits or more, which
 * PostgreSQL reports as a unique violation: it can never pass silently) rolls everything back and runs again with a
 * new salt, up to {@value #ATTEMPTS} times.
 */
final class MaskingStep {
    private static final int ATTEMPTS = 3;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final SecureRandom RANDOM = new SecureRandom();

    private MaskingStep() {
    }

    static List<TableOutcome> apply(Connection session, MaskingRules rules, Consumer<List<Long>> statisticsEraser,
                                    List<String> warnings, Progress progress) throws SQLException {
        MaskingPlan plan = MaskingPlan.of(DataCatalog.tables(session), rules);
        Map<DataCatalog.Table, Long> rows = new LinkedHashMap<>();
        for (int attempt = 1; ; attempt++) {
            String salt = newSalt();
            try {
                InTransaction.run(session, () -> maskAll(session, plan, salt, rows, progress));
                break;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw e;
                }
                progress.report("two masked values of a unique key collided; masking again with a new salt");
                rows.clear();
            }
        }
        DerivedData.vacuum(session, new ArrayList<>(plan.masked().keySet()), warnings);
        DerivedData.forget(plan.emptied(), statisticsEraser, warnings);
        List<TableOutcome> outcomes = new ArrayList<>();
        plan.masked().forEach((table, columns) -> outcomes.add(new TableOutcome(table.ref().toString(), Action.MASKED,
                rows.get(table), columns.entrySet().stream().map(c -> c.getKey().name() + ": " + c.getValue()).toList())));
        plan.emptied().forEach(table -> outcomes.add(new TableOutcome(table.ref().toString(), Action.EMPTIED, 0, List.of())));
        return outcomes;
    }

    private static void maskAll(Connection session, MaskingPlan plan, String salt, Map<DataCatalog.Table, Long> rows,
                                Progress progress) throws SQLException {
        try (Statement statement = session.createStatement()) {
            statement.execute("SET CONSTRAINTS ALL DEFERRED");
        }
        for (Map.Entry<DataCatalog.Table, Map<DataCatalog.Column, MaskingStrategy>> entry : plan.masked().entrySet()) {
            DataCatalog.Table table = entry.getKey();
            TriggerSwitch triggers = TriggerSwitch.off(session, table);
            long started = System.nanoTime();
            try (PreparedStatement update = session.prepareStatement(update(table, entry.getValue()))) {
                update.setString(1, salt);
                rows.put(table, (long) update.executeUpdate());
            }
            triggers.restore(session);
            progress.report(String.format("masked %d rows of %s (%d columns) in %.2f s", rows.get(table), table.ref(),
                    entry.getValue().size(), (System.nanoTime() - started) / 1e9));
        }
        Truncation.truncate(session, plan.emptied());
        DerivedData.refreshMaterializedViews(session);
    }

    /**
     * {@code UPDATE t AS m SET a = <mask of m.a>, b = p.v1 FROM (SELECT ? AS salt) AS k, <shuffle> AS p WHERE …}: one
     * statement per table. A shuffled column takes the values of the same column dealt in random order: row numbers
     * over the table in scan order joined to row numbers over {@code random()}.
     */
    static String update(DataCatalog.Table table, Map<DataCatalog.Column, MaskingStrategy> columns) {
        List<String> sets = new ArrayList<>();
        List<String> shuffles = new ArrayList<>();
        columns.forEach((column, strategy) -> {
            String shuffled = "p.v" + shuffles.size();
            if (strategy.kind() == MaskingStrategy.Kind.SHUFFLE) {
                shuffles.add(column.quoted());
            }
            sets.add(column.quoted() + " = "
                    + MaskingSql.expression(strategy, column.quoted(), column.type(), column.category(), shuffled));
        });
        StringBuilder sql = new StringBuilder("UPDATE ").append(table.quoted()).append(" AS m SET ").append(String.join(", ", sets))
                .append(" FROM (SELECT CAST(? AS pg_catalog.text) AS salt) AS k");
        if (!shuffles.isEmpty()) {
            sql.append(", (SELECT o.toid, o.tid");
            for (int i = 0; i < shuffles.size(); i++) {
                sql.append(", s").append(i).append(".v AS v").append(i);
            }
            sql.append(" FROM (SELECT tableoid AS toid, ctid AS tid, pg_catalog.row_number() OVER () AS rn FROM ")
                    .append(table.quoted()).append(") AS o");
            for (int i = 0; i < shuffles.size(); i++) {
                sql.append(" JOIN (SELECT ").append(shuffles.get(i)).append(" AS v, pg_catalog.row_number() OVER (ORDER BY ")
                        .append("pg_catalog.random()) AS rn FROM ").append(table.quoted()).append(") AS s").append(i)
                        .append(" ON s").append(i).append(".rn = o.rn");
            }
            sql.append(") AS p WHERE m.tableoid = p.toid AND m.ctid = p.tid");
        }
        return sql.toString();
    }

    private static String newSalt() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
