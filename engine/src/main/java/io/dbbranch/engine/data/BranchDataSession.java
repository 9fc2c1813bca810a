package io.dbbranch.engine.data;

import io.dbbranch.engine.spi.Progress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A session on a branch, logged in as the branch's own role, that applies a {@link BranchData} policy. Its
 * {@code search_path} is pinned to {@code pg_catalog, pg_temp} first, so no name in our SQL can resolve to an object
 * planted in a user schema.
 */
public final class BranchDataSession {
    private final Connection session;
    private final Progress progress;
    private final Consumer<List<Long>> statisticsEraser;

    private BranchDataSession(Connection session, Progress progress, Consumer<List<Long>> statisticsEraser) {
        this.session = session;
        this.progress = progress;
        this.statisticsEraser = statisticsEraser;
    }

    /**
     * Pins the session's {@code search_path}; {@code session} must be a login of the branch's own role, never an
     * administrator's. {@code statisticsEraser} deletes the statistics of emptied tables, given their oids (see
     * {@link io.dbbranch.engine.spi.StatisticsReset}); {@code null} where the provider cannot, which the result then warns about.
     */
    public static BranchDataSession of(Connection session, Progress progress, Consumer<List<Long>> statisticsEraser)
            throws SQLException {
        try (Statement statement = session.createStatement()) {
            statement.execute("SET search_path = pg_catalog, pg_temp");
        }
        return new BranchDataSession(session, progress, statisticsEraser);
    }

    /**
     * Applies {@code data}; {@code nativelyEmpty} when the provider made the branch schema-only (it is checked instead).
     * {@code startedNanos} ({@link System#nanoTime()}) is when the preparation began, for the result's time.
     */
    public BranchDataResult apply(BranchData data, boolean nativelyEmpty, long startedNanos) throws SQLException {
        List<String> warnings = new ArrayList<>();
        List<BranchDataResult.TableOutcome> tables = switch (data.policy()) {
            case FULL -> List.of();
            case SCHEMA_ONLY -> nativelyEmpty ? SchemaOnlyStep.verifyEmpty(session)
                    : SchemaOnlyStep.empty(session, data.rules().keepData(), statisticsEraser, warnings);
            case MASKED -> MaskingStep.apply(session, data.rules(), statisticsEraser, warnings, progress);
        };
        String method = switch (data.policy()) {
            case FULL -> "none";
            case SCHEMA_ONLY -> nativelyEmpty ? "native" : "truncate";
            case MASKED -> "mask";
        };
        return new BranchDataResult(data.policy(), method, tables, warnings, Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
