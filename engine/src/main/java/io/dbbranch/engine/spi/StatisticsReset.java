package io.dbbranch.engine.spi;

import java.util.Collection;

/**
 * Implemented by providers whose administrator may forget a branch's planner statistics. {@code ANALYZE} of an emptied
 * table keeps its old statistics ({@code pg_stats} still lists the parent's most common values and histogram bounds, to
 * the table's owner), and only a superuser can delete them; a schema-only or masked branch made by emptying tables asks
 * for this before any credential is handed out.
 */
public interface StatisticsReset {
    /**
     * Deletes the statistics (per column and extended) of the tables with these oids in {@code branch}, and of their
     * partitions. Runs no code of the branch's objects.
     */
    void clearStatistics(BranchInfo branch, Collection<Long> tableOids);
}
