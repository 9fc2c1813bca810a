package io.dbbranch.engine.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryPrefixCheckTest {
    private static final ScriptMigration V1 = new ScriptMigration("1", "create customers", "V1__create_customers.sql", 11);
    private static final ScriptMigration V2 = new ScriptMigration("2", "add tier", "V2__add_tier.sql", 22);
    private static final ScriptMigration V3 = new ScriptMigration("3", "trim names", "V3__trim_names.sql", 33);
    private static final ScriptMigration V10 = new ScriptMigration("10", "tenth", "V10__tenth.sql", 100);

    @Test
    void parentThatAppliedTheFirstScriptsIsAPrefix() {
        assertThat(HistoryPrefixCheck.check(history(List.of(applied(1, V1), applied(2, V2)), V1, V2, V3), false)).isEmpty();
    }

    @Test
    void emptyParentIsAPrefixOfAnything() {
        assertThat(HistoryPrefixCheck.check(history(List.of(), V1, V2), false)).isEmpty();
    }

    @Test
    void scriptEditedAfterItWasAppliedDiverges() {
        HistoryEntry edited = new HistoryEntry(2, "2", "add tier", "SQL", "V2__add_tier.sql", 99, true);

        assertThat(HistoryPrefixCheck.check(history(List.of(applied(1, V1), edited), V1, V2, V3), false))
                .hasValueSatisfying(divergence -> {
                    assertThat(divergence.version()).isEqualTo("2");
                    assertThat(divergence.reason()).contains("checksum 99").contains("checksum 22");
                });
    }

    @Test
    void versionAppliedByOtherCodeDiverges() {
        HistoryEntry other = new HistoryEntry(2, "2", "add notes", "SQL", "V2__add_notes.sql", 44, true);

        assertThat(HistoryPrefixCheck.check(history(List.of(applied(1, V1), other), V1, V2), false))
                .hasValueSatisfying(divergence -> assertThat(divergence.reason())
                        .contains("main applied V2__add_notes.sql").contains("the checkout has V2__add_tier.sql"));
    }

    @Test
    void versionMissingFromTheCheckoutDiverges() {
        HistoryEntry future = new HistoryEntry(3, "4", "hotfix", "SQL", "V4__hotfix.sql", 44, true);

        assertThat(HistoryPrefixCheck.check(history(List.of(applied(1, V1), future), V1, V2), false))
                .hasValueSatisfying(divergence -> assertThat(divergence.reason())
                        .contains("V4__hotfix.sql is applied on main but is not among the checkout's migrations"));
    }

    @Test
    void olderScriptNeverAppliedDivergesUnlessOutOfOrderIsAllowed() {
        List<HistoryEntry> skippedTwo = List.of(applied(1, V1), applied(2, V3));

        assertThat(HistoryPrefixCheck.check(history(skippedTwo, V1, V2, V3), false))
                .hasValueSatisfying(divergence -> assertThat(divergence.checkoutScript()).isEqualTo("V2__add_tier.sql"));
        assertThat(HistoryPrefixCheck.check(history(skippedTwo, V1, V2, V3), true)).isEmpty();
    }

    @Test
    void versionsCompareAsNumbersNotText() {
        assertThat(HistoryPrefixCheck.check(history(List.of(applied(1, V1), applied(2, V2), applied(3, V3), applied(4, V10)),
                V1, V2, V3, V10), false)).isEmpty();
    }

    @Test
    void scriptsAtOrBelowTheBaselineAreNotExpected() {
        HistoryEntry baseline = new HistoryEntry(1, "2", "<< Flyway Baseline >>", "BASELINE", "<< Flyway Baseline >>", null, true);

        assertThat(HistoryPrefixCheck.check(history(List.of(baseline, new HistoryEntry(2, "3", V3.description(), "SQL",
                V3.script(), V3.checksum(), true)), V1, V2, V3), false)).isEmpty();
    }

    @Test
    void failedMigrationOnTheParentMustBeRepairedFirst() {
        HistoryEntry failed = new HistoryEntry(2, "2", V2.description(), "SQL", V2.script(), V2.checksum(), false);

        assertThat(HistoryPrefixCheck.check(history(List.of(applied(1, V1), failed), V1, V2), false))
                .hasValueSatisfying(divergence -> assertThat(divergence.reason()).contains("repair"));
    }

    @Test
    void repeatableMigrationsDoNotTakePart() {
        ScriptMigration views = new ScriptMigration(null, "views", "R__views.sql", 5);
        HistoryEntry oldViews = new HistoryEntry(2, null, "views", "SQL", "R__views.sql", 4, true);

        assertThat(HistoryPrefixCheck.check(history(List.of(applied(1, V1), oldViews), V1, views), false)).isEmpty();
    }

    private static HistoryEntry applied(int rank, ScriptMigration script) {
        return new HistoryEntry(rank, script.version(), script.description(), "SQL", script.script(), script.checksum(), true);
    }

    private static SchemaHistory history(List<HistoryEntry> applied, ScriptMigration... checkout) {
        return new SchemaHistory("main", null, applied, List.of(checkout), List.of());
    }
}
