package io.dbbranch.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.spi.PointInTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {

    @Test
    void durationsAreReadAsPeopleWriteThem() {
        assertThat(DurationConverter.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationConverter.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationConverter.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationConverter.parse("PT10M")).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> DurationConverter.parse("10 minutes")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("Write e.g. 90s");
        assertThatThrownBy(() -> DurationConverter.parse("0s")).hasMessageContaining("not a positive duration");
    }

    @Test
    void aWaitIsADurationOrZeroToFailAtOnce() {
        CapacityOptions.WaitConverter converter = new CapacityOptions.WaitConverter();

        assertThat(converter.convert("0")).isZero();
        assertThat(converter.convert("0s")).isZero();
        assertThat(converter.convert("3m")).isEqualTo(Duration.ofMinutes(3));
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(picocli.CommandLine.TypeConversionException.class);
    }

    @Test
    void momentsAreTimestampsWithAnOffsetOrRelativeTimes() {
        MomentConverter converter = new MomentConverter();

        assertThat(converter.convert("2025-05-01T14:00:00+02:00")).isEqualTo(PointInTime.at(Instant.parse("2025-05-01T12:00:00Z")));
        assertThat(converter.convert("2025-05-01 14:00:00.25+02")).isEqualTo(PointInTime.at(Instant.parse("2025-05-01T12:00:00.25Z")));
        assertThat(((PointInTime.AtTime) converter.convert("10 minutes ago")).time())
                .isBetween(Instant.now().minusSeconds(610), Instant.now().minusSeconds(590));
        assertThatThrownBy(() -> converter.convert("2025-05-01T14:00:00")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'2025-05-01T14:00:00': the timestamp has no offset, so it could be any time zone. "
                        + "Add one: Z for UTC (2025-05-01T14:00:00Z) or the local offset such as +02:00");
        assertThatThrownBy(() -> converter.convert("0/16B3748")).hasMessage("'0/16B3748' is an LSN: give it with --lsn");
    }
}
