package io.dbbranch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(DurationText.parse("ttl", "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationText.parse("ttl", " 1h30m ")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("ttl", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("ttl", "2d")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationText.parse("ttl", "PT45M")).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void aWrongDurationNamesTheSettingAndShowsValidOnes() {
        assertThatThrownBy(() -> DurationText.parse("ttl", "two hours"))
                .isInstanceOfSatisfying(DbBranchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessage("Set ttl: 'two hours' is not a duration. Write e.g. 90s, 10m, 1h30m or 2d");
        assertThatThrownBy(() -> DurationText.parse("ttl", "0m")).hasMessageContaining("'0m' is not a positive duration");
    }

    @Test
    void formattedDurationsReadBackTheSame() {
        for (Duration duration : new Duration[] {Duration.ofMinutes(90), Duration.ofDays(7), Duration.ofSeconds(5), Duration.ofMillis(1500)}) {
            assertThat(DurationText.parse("ttl", DurationText.format(duration))).isEqualTo(duration);
        }
        assertThat(DurationText.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    }
}
