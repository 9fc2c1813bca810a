package io.dbbranch.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.spi.Labels;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The options of a pull request's branch, and the label that carries its key. */
class PullRequestSpecTest {

    @Test
    void keepingWhileAPullRequestIsOpenNeedsItsKey() {
        assertThatThrownBy(() -> LeaseSpec.builder("main").keep(KeepPolicy.WHILE_PR_OPEN).build())
                .isInstanceOf(DbBranchException.class).hasMessageContaining("no pull request was named");
    }

    @Test
    void theKeyIsRecordedOnlyWhenTheBranchIsKeptForItsPullRequest() {
        LeaseSpec kept = LeaseSpec.builder("main").keep(KeepPolicy.WHILE_PR_OPEN).pullRequest("pr:shop#1").build();
        LeaseSpec deleted = LeaseSpec.builder("main").pullRequest("pr:shop#1").build();

        assertThat(kept.pullRequest()).isEqualTo("pr:shop#1");
        assertThat(deleted.pullRequest()).isNull();
    }

    @Test
    void everySpellingOfTheChoicesIsRead() {
        assertThat(KeepPolicy.parse("while-pr-open")).isEqualTo(KeepPolicy.WHILE_PR_OPEN);
        assertThat(KeepPolicy.parse("whilePrOpen")).isEqualTo(KeepPolicy.WHILE_PR_OPEN);
        assertThat(KeepPolicy.WHILE_PR_OPEN.symbol()).isEqualTo("whilePrOpen");
        assertThat(KeepPolicy.WHILE_PR_OPEN.keeps(false)).isTrue();
        assertThat(OnExists.parse("Reuse")).isEqualTo(OnExists.REUSE);
        assertThat(OnExists.parse(null)).isEqualTo(OnExists.FAIL);
        assertThatThrownBy(() -> OnExists.parse("adopt")).hasMessageContaining("Use fail, reuse, reset or recreate");
    }

    @Test
    void thePullRequestLabelSurvivesTheTripThroughAProvidersStore() {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        Labels labels = new Labels("cli@host", "shop", "7", null, now, now.plusSeconds(60), "pr:acme/shop#42");

        assertThat(labels.toMap()).containsEntry("pullRequest", "pr:acme/shop#42");
        assertThat(Labels.fromMap(labels.toMap())).isEqualTo(labels);
        assertThat(labels.withExpiresAt(now).pullRequest()).isEqualTo("pr:acme/shop#42");
    }
}
