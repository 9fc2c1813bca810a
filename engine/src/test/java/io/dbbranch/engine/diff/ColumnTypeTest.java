package io.dbbranch.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnTypeTest {

    @Test
    void parsesWhatFormatTypePrints() {
        assertThat(ColumnType.parse("character varying(100)")).isEqualTo(new ColumnType("character varying", 100, null, false));
        assertThat(ColumnType.parse("numeric(10,2)")).isEqualTo(new ColumnType("numeric", 10, 2, false));
        assertThat(ColumnType.parse("timestamp(3) with time zone"))
                .isEqualTo(new ColumnType("timestamp with time zone", 3, null, false));
        assertThat(ColumnType.parse("integer[]")).isEqualTo(new ColumnType("integer", null, null, true));
    }

    @Test
    void wideningKeepsEveryValue() {
        assertThat(ColumnType.narrowing("character varying(20)", "character varying(100)")).isEmpty();
        assertThat(ColumnType.narrowing("character varying(20)", "text")).isEmpty();
        assertThat(ColumnType.narrowing("integer", "bigint")).isEmpty();
        assertThat(ColumnType.narrowing("integer", "numeric(12,2)")).isEmpty();
        assertThat(ColumnType.narrowing("numeric(10,2)", "numeric(12,3)")).isEmpty();
        assertThat(ColumnType.narrowing("timestamp without time zone", "timestamp with time zone")).isEmpty();
        assertThat(ColumnType.narrowing("date", "timestamp with time zone")).isEmpty();
        assertThat(ColumnType.narrowing("real", "double precision")).isEmpty();
    }

    @Test
    void narrowingIsFlagged() {
        assertThat(ColumnType.narrowing("character varying(100)", "character varying(20)")).hasValueSatisfying(
                reason -> assertThat(reason).startsWith("narrows"));
        assertThat(ColumnType.narrowing("text", "character varying(50)")).hasValueSatisfying(
                reason -> assertThat(reason).startsWith("narrows"));
        assertThat(ColumnType.narrowing("bigint", "integer")).hasValueSatisfying(reason -> assertThat(reason).startsWith("narrows"));
        assertThat(ColumnType.narrowing("numeric(10,2)", "numeric(10,0)")).isPresent();
        assertThat(ColumnType.narrowing("numeric", "numeric(10,2)")).isPresent();
        assertThat(ColumnType.narrowing("integer", "numeric(6,2)")).isPresent();
        assertThat(ColumnType.narrowing("timestamp with time zone", "date")).isPresent();
        assertThat(ColumnType.narrowing("text", "integer")).hasValueSatisfying(reason -> assertThat(reason).startsWith("changes the type"));
        assertThat(ColumnType.narrowing("integer", "integer[]")).isPresent();
    }
}
