package io.dbbranch.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import org.junit.jupiter.api.Test;

class ExpectationTest {

    @Test
    void nonEmptyWantsARowWithAValueThatIsNotZero() {
        Expectation nonEmpty = Expectation.nonEmpty();

        assertThat(nonEmpty.isMetBy(true, "32")).isTrue();
        assertThat(nonEmpty.isMetBy(true, "some name")).isTrue();
        assertThat(nonEmpty.isMetBy(true, "0")).isFalse();
        assertThat(nonEmpty.isMetBy(true, "0.00")).isFalse();
        assertThat(nonEmpty.isMetBy(true, null)).isFalse();
        assertThat(nonEmpty.isMetBy(false, null)).isFalse();
    }

    @Test
    void nonEmptyTakesABooleanFalseAsNotMet() {
        Expectation nonEmpty = Expectation.nonEmpty();

        assertThat(nonEmpty.isMetBy(true, "t")).isTrue();
        assertThat(nonEmpty.isMetBy(true, "f")).isFalse();
        assertThat(nonEmpty.isMetBy(true, "false")).isFalse();
    }

    @Test
    void equalToWantsExactlyThatNumber() {
        Expectation thirtyTwo = Expectation.equalTo(32);

        assertThat(thirtyTwo.isMetBy(true, "32")).isTrue();
        assertThat(thirtyTwo.isMetBy(true, "32.0")).isTrue();
        assertThat(thirtyTwo.isMetBy(true, "31")).isFalse();
        assertThat(thirtyTwo.isMetBy(true, "thirty-two")).isFalse();
        assertThat(thirtyTwo.isMetBy(false, null)).isFalse();
    }

    @Test
    void expectationsAreReadAsFrontEndsTakeThem() {
        assertThat(Expectation.parse("non-empty")).isEqualTo(Expectation.nonEmpty());
        assertThat(Expectation.parse(" = 32 ")).isEqualTo(Expectation.equalTo(32));
        assertThat(Expectation.parse("0")).isEqualTo(Expectation.equalTo(0));
        assertThatThrownBy(() -> Expectation.parse("lots"))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("neither 'non-empty' nor a whole number");
    }
}
