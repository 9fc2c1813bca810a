package io.dbbranch.bench.speed;

import io.dbbranch.bench.report.Samples;
import java.util.Map;

/**
 * The figures for one data size.
 *
 * @param targetMb       the size asked for
 * @param databaseBytes  the parent's actual {@code pg_database_size}
 * @param rows           rows in all tables
 * @param csvBytes       the generated CSV's size
 * @param generateMs     how long generating the CSV took (not part of any way's time)
 * @param parentBuildMs  how long building the parent took (create, migrate, load, VACUUM ANALYZE)
 * @param elapsed        per way key, the time to a ready database
 * @param stepMediansMs  per way key, the median of each step
 * @param removal        per way key, the time to remove the database afterwards
 * @param ratioToBranch  per way key, its median divided by the branch's median
 */
public record SizeResult(int targetMb, long databaseBytes, long rows, long csvBytes, double generateMs, double parentBuildMs,
                         Map<String, Samples.Summary> elapsed, Map<String, Map<String, Double>> stepMediansMs,
                         Map<String, Samples.Summary> removal, Map<String, Double> ratioToBranch) {
}
