package io.dbbranch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void anUnknownEmulatorIsAUsageError() throws Exception {
        assertThat(Main.run(new String[] {"oracle"})).isEqualTo(2);
    }

    @Test
    void helpIsNoError() throws Exception {
        assertThat(Main.run(new String[] {"--help"})).isZero();
        assertThat(Main.run(new String[] {"lakebase", "--help"})).isZero();
        assertThat(Main.run(new String[] {"neon", "--help"})).isZero();
    }

    @Test
    void aBadOptionOfAnEmulatorIsAUsageError() throws Exception {
        assertThat(Main.run(new String[] {"lakebase", "--port"})).isEqualTo(2);
        assertThat(Main.run(new String[] {"lakebase", "--bogus"})).isEqualTo(2);
    }
}
