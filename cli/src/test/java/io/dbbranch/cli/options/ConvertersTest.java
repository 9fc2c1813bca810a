package io.dbbranch.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
                .hasMessageContaining("write e.g. 90s");
        assertThatThrownBy(() -> DurationConverter.parse("0s")).hasMessageContaining("not a positive duration");
    }

    @Test
    void timestampsWithAZoneOrAsPsqlPrintsThemOrInTheLocalZone() {
        TimestampConverter converter = new TimestampConverter(ZoneId.of("Europe/Paris"));

        assertThat(converter.convert("2025-05-01T12:00:00Z")).isEqualTo(Instant.parse("2025-05-01T12:00:00Z"));
        assertThat(converter.convert("2025-05-01T14:00:00+02:00")).isEqualTo(Instant.parse("2025-05-01T12:00:00Z"));
        assertThat(converter.convert("2025-05-01 14:00:00.123456+02")).isEqualTo(Instant.parse("2025-05-01T12:00:00.123456Z"));
        assertThat(converter.convert("2025-05-01T14:00:00")).as("local time in Paris").isEqualTo(Instant.parse("2025-05-01T12:00:00Z"));
        assertThatThrownBy(() -> converter.convert("yesterday")).isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("'yesterday' is not a timestamp");
    }
}
