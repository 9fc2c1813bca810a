package io.dbbranch.engine.spi;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistoryWindowTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final HistoryWindow WEEK = new HistoryWindow(Instant.parse("2025-02-22T12:00:00Z"), "1/A0000028");

    @Test
    void pointsInsideTheWindowAndTheHeadPass() {
        assertThatCode(() -> WEEK.requireContains(PointInTime.at(Instant.parse("2025-02-28T00:00:00Z")), NOW, "Restore")).doesNotThrowAnyException();
        assertThatCode(() -> WEEK.requireContains(PointInTime.at(NOW), NOW, "Restore")).doesNotThrowAnyException();
        assertThatCode(() -> WEEK.requireContains(PointInTime.atLsn("2/0"), NOW, "Restore")).doesNotThrowAnyException();
        assertThatCode(() -> WEEK.requireContains(PointInTime.HEAD, NOW, "Restore")).doesNotThrowAnyException();
    }

    @Test
    void momentBeforeTheWindowIsRefusedNamingBothEnds() {
        assertThatThrownBy(() -> WEEK.requireContains(PointInTime.at(Instant.parse("2025-02-01T00:00:00Z")), NOW, "Restore 'main'"))
                .isInstanceOf(DbBranchException.class)
                .hasMessageStartingWith("Restore 'main': 2025-02-01T00:00:00Z is before the history window, which runs from "
                        + "2025-02-22T12:00:00Z to now (2025-03-01T12:00:00Z)");
    }

    @Test
    void lsnBeforeTheWindowIsRefusedComparingPositionsNotText() {
        assertThatThrownBy(() -> WEEK.requireContains(PointInTime.atLsn("0/FFFFFFFF"), NOW, "Restore"))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("LSN 0/FFFFFFFF is before the history window, which starts at LSN 1/A0000028");
        assertThatCode(() -> WEEK.requireContains(PointInTime.atLsn("1/B0000000"), NOW, "Restore")).doesNotThrowAnyException();
    }

    @Test
    void unknownWindowStillRefusesTheFuture() {
        assertThatCode(() -> HistoryWindow.UNKNOWN.requireContains(PointInTime.at(Instant.EPOCH), NOW, "Restore")).doesNotThrowAnyException();
        assertThatThrownBy(() -> HistoryWindow.UNKNOWN.requireContains(PointInTime.at(NOW.plusSeconds(1)), NOW, "Restore"))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("is in the future (it is now 2025-03-01T12:00:00Z)");
    }
}
