package io.dbbranch.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.PointInTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PointInTimeParserTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final PointInTime BEFORE_MIGRATION = PointInTime.atLsn("0/3000060");
    private final PointInTimeParser parser = new PointInTimeParser(Clock.fixed(NOW, ZoneOffset.UTC),
            name -> Optional.ofNullable(Map.of("before-v42", BEFORE_MIGRATION).get(name)));

    @ParameterizedTest
    @CsvSource({
            "2025-03-01T11:05:00Z, 2025-03-01T11:05:00Z",
            "2025-03-01T13:05:00.250+02:00, 2025-03-01T11:05:00.250Z",
            "2025-03-01 11:05:00.123456Z, 2025-03-01T11:05:00.123456Z",
            "2025-03-01t11:05:00z, 2025-03-01T11:05:00Z",
            "'  2025-03-01T11:05:00-05:00 ', 2025-03-01T16:05:00Z"})
    void rfc3339TimestampsWithAnOffsetAreMoments(String text, String expected) {
        assertThat(parser.parse(text)).isEqualTo(PointInTime.at(Instant.parse(expected)));
    }

    @ParameterizedTest
    @CsvSource({
            "10 minutes ago, PT10M",
            "90s ago, PT90S",
            "1h 30m ago, PT1H30M",
            "1 hour 30 minutes ago, PT1H30M",
            "2 days ago, PT48H",
            "1 week ago, PT168H",
            "500ms ago, PT0.5S",
            "10 Minutes Ago, PT10M",
            "0s ago, PT0S"})
    void relativeTimesCountBackFromNow(String text, String before) {
        assertThat(parser.parse(text)).isEqualTo(PointInTime.at(NOW.minus(Duration.parse(before))));
    }

    @Test
    void lsnsAreWalPositionsInUpperCase() {
        assertThat(parser.parse("16/b374d848")).isEqualTo(PointInTime.atLsn("16/B374D848"));
    }

    @Test
    void recordedRestorePointsAreFoundByName() {
        assertThat(parser.parse("before-v42")).isEqualTo(BEFORE_MIGRATION);
    }

    @Test
    void timestampWithoutOffsetIsRefusedAskingForOne() {
        assertThatThrownBy(() -> parser.parse("2025-03-01T11:05:00"))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("has no offset")
                .hasMessageContaining("2025-03-01T11:05:00Z");
    }

    @Test
    void dateAloneIsRefusedAskingForATime() {
        assertThatThrownBy(() -> parser.parse("2025-03-01"))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("a date alone is not a moment");
    }

    @Test
    void impossibleDateIsRefused() {
        assertThatThrownBy(() -> parser.parse("2025-02-30T10:00:00Z"))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("not a valid RFC 3339 timestamp");
    }

    @Test
    void unknownUnitIsNamed() {
        assertThatThrownBy(() -> parser.parse("3 fortnights ago"))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("'fortnights' is not a unit of time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ago", "ten minutes ago", "5 ago"})
    void relativeTimeWithoutAmountsAndUnitsIsRefused(String text) {
        assertThatThrownBy(() -> parser.parse(text))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("a relative time is amounts with units");
    }

    @Test
    void unknownNameIsRefusedShowingEveryAcceptedForm() {
        assertThatThrownBy(() -> parser.parse("yesterday-ish"))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("Restore to 'yesterday-ish'")
                .hasMessageContaining("2025-03-01T14:05:00Z")
                .hasMessageContaining("0/1A2B3C8")
                .hasMessageContaining("10 minutes ago")
                .extracting(e -> ((DbBranchException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void nothingIsRefused(String text) {
        assertThatThrownBy(() -> parser.parse(text))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("none was given");
    }

    @Test
    void hugeRelativeAmountIsRefusedNotOverflowed() {
        assertThatThrownBy(() -> parser.parse("99999999999999999999 weeks ago"))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("too large");
    }
}
