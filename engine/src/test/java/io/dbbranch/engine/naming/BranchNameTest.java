package io.dbbranch.engine.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import org.junit.jupiter.api.Test;

class BranchNameTest {

    @Test
    void derivedNamesAreValidEverywhereAndNeverRepeat() {
        String first = BranchName.derive("ci", "Shop/API Service", "PR-12", "42");
        String second = BranchName.derive("ci", "Shop/API Service", "PR-12", "42");

        assertThat(first).matches("ci-shop-api-service-pr-12-42-[a-z2-9]{5}");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aVeryLongJobNameIsShortenedToFitSixtyThreeCharacters() {
        String name = BranchName.derive("ci", "a".repeat(200), "pr-123456", "987654");

        assertThat(name).hasSizeLessThanOrEqualTo(63).startsWith("ci-aaa").contains("-pr-123456-987654-");
    }

    @Test
    void anInvalidNameIsRefusedWithAValidSuggestion() {
        assertThatThrownBy(() -> BranchName.validate("Feature_X"))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("lowercase letters, digits and '-'")
                .hasMessageContaining("Try 'feature-x'");
        assertThatThrownBy(() -> BranchName.validate("9lives")).hasMessageContaining("Try 'b-9lives'");
        assertThatThrownBy(() -> BranchName.validate("x".repeat(64))).isInstanceOf(DbBranchException.class);
    }

    @Test
    void aValidNameIsReturnedUnchanged() {
        assertThat(BranchName.validate("ci-main-1")).isEqualTo("ci-main-1");
    }
}
