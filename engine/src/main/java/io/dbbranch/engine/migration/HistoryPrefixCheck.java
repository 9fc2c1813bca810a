package io.dbbranch.engine.migration;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Decides whether a parent may be migrated with the checkout's scripts: the parent's schema history must be a
 * prefix of the checkout's versioned migrations, script for script and checksum for checksum. Otherwise someone
 * migrated the parent with other code (or edited an applied script) and rolling the checkout forward on top would
 * mix two lines of history.
 *
 * <p>Repeatable migrations are left out (they are re-applied whenever they change), and so are versions at or below
 * a baseline. With out-of-order allowed, older unapplied scripts are not a divergence: they are pending.
 */
final class HistoryPrefixCheck {
    private HistoryPrefixCheck() {
    }

    /** The first divergence, in version order; empty when the checkout may be applied on top of the parent. */
    static Optional<HistoryDivergence> check(SchemaHistory parent, boolean outOfOrder) {
        Map<MigrationVersion, ScriptMigration> scripts = new TreeMap<>();
        parent.checkout().stream().filter(s -> !s.isRepeatable()).forEach(s -> scripts.put(version(s.version()), s));
        TreeMap<MigrationVersion, HistoryEntry> applied = new TreeMap<>();
        MigrationVersion baseline = null;
        for (HistoryEntry entry : parent.applied()) {
            if (entry.version() == null) {
                continue;
            }
            MigrationVersion version = version(entry.version());
            if (!entry.success()) {
                return Optional.of(new HistoryDivergence(entry.version(), entry.script(), entry.checksum(), null, null,
                        "a failed migration " + entry.script() + " is recorded in " + parent.database()
                                + "'s history: repair the parent before migrating it"));
            }
            if (entry.isBaseline()) {
                baseline = baseline == null || version.compareTo(baseline) > 0 ? version : baseline;
            } else {
                applied.put(version, entry);
            }
        }
        for (Map.Entry<MigrationVersion, HistoryEntry> entry : applied.entrySet()) {
            Optional<HistoryDivergence> divergence = compare(parent.database(), entry.getValue(), scripts.get(entry.getKey()));
            if (divergence.isPresent()) {
                return divergence;
            }
        }
        if (outOfOrder || applied.isEmpty()) {
            return Optional.empty();
        }
        MigrationVersion latest = applied.lastKey();
        for (Map.Entry<MigrationVersion, ScriptMigration> script : scripts.entrySet()) {
            boolean aboveBaseline = baseline == null || script.getKey().compareTo(baseline) > 0;
            if (aboveBaseline && script.getKey().compareTo(latest) < 0 && !applied.containsKey(script.getKey())) {
                ScriptMigration missing = script.getValue();
                return Optional.of(new HistoryDivergence(missing.version(), null, null, missing.script(), missing.checksum(),
                        missing.script() + " is older than " + parent.database() + "'s latest version " + latest
                                + " but was never applied there: the parent was migrated without it (allow out-of-order "
                                + "migrations to apply it anyway)"));
            }
        }
        return Optional.empty();
    }

    private static Optional<HistoryDivergence> compare(String database, HistoryEntry applied, ScriptMigration script) {
        if (script == null) {
            return Optional.of(new HistoryDivergence(applied.version(), applied.script(), applied.checksum(), null, null,
                    applied.script() + " is applied on " + database + " but is not among the checkout's migrations: "
                            + database + " was migrated with other code"));
        }
        if (!Objects.equals(applied.checksum(), script.checksum()) || !applied.description().equals(script.description())) {
            return Optional.of(new HistoryDivergence(applied.version(), applied.script(), applied.checksum(), script.script(),
                    script.checksum(), "version " + applied.version() + " differs: " + database + " applied " + applied.script()
                            + " (checksum " + applied.checksum() + "), the checkout has " + script.script() + " (checksum "
                            + script.checksum() + ")"));
        }
        return Optional.empty();
    }

    private static MigrationVersion version(String text) {
        return MigrationVersion.fromVersion(text);
    }
}
