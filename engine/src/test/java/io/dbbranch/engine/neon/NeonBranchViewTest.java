package io.dbbranch.engine.neon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.Labels;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a Neon branch, as Neon reports it, reads to the engine: restore point, state and expiry. */
class NeonBranchViewTest {
    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");
    private static final Labels LABELS = new Labels("ci@host", "job", "1", null, CREATED, CREATED.plusSeconds(1800));

    @Test
    void aBranchOfTheParentsHeadHasNoRestorePointThoughNeonReportsItsParentLsn() {
        BranchInfo info = NeonBranches.info(branch("0/1DE2850", null, "ready", CREATED.plusSeconds(3600)),
                NeonBranches.annotation(LABELS, "main", null));

        assertThat(info.restorePoint()).isNull();
    }

    @Test
    void aBranchMadeAtAMomentReportsThatMomentAndItsLsn() {
        Instant moment = CREATED.minusSeconds(60);
        BranchInfo info = NeonBranches.info(branch("0/1DE2850", moment, "ready", null),
                NeonBranches.annotation(LABELS, "main", null));

        assertThat(info.restorePoint().time()).isEqualTo(moment);
        assertThat(info.restorePoint().lsn()).isEqualTo("0/1DE2850");
    }

    @Test
    void aBranchMadeAtAnLsnReportsThatLsn() {
        BranchInfo info = NeonBranches.info(branch("0/1DE2850", null, "ready", null),
                NeonBranches.annotation(LABELS, "main", "0/1DE2850"));

        assertThat(info.restorePoint().lsn()).isEqualTo("0/1DE2850");
        assertThat(info.labels()).as("the recorded LSN is not a label").isNotNull();
    }

    @Test
    void aResettingBranchIsBusyNotUnknown() {
        assertThat(NeonBranches.state(branch(null, null, "resetting", null))).isEqualTo(BranchState.BUSY);
    }

    @Test
    void withoutNeonsExpiryTheAnnotationsExpiryStandsForTheReaper() {
        BranchInfo info = NeonBranches.info(branch("0/1", null, "ready", null), NeonBranches.annotation(LABELS, "main", null));

        assertThat(info.expiresAt()).isEqualTo(LABELS.expiresAt());
        assertThat(info.labels().expiresAt()).isEqualTo(LABELS.expiresAt());
    }

    @Test
    void neonsOwnExpiryWinsOverTheAnnotations() {
        Instant neon = CREATED.plusSeconds(7200);
        BranchInfo info = NeonBranches.info(branch("0/1", null, "ready", neon), NeonBranches.annotation(LABELS, "main", null));

        assertThat(info.labels().expiresAt()).isEqualTo(neon);
    }

    private static NeonBranch branch(String parentLsn, Instant parentTimestamp, String state, Instant expiresAt) {
        return new NeonBranch("br-a", "p", "br-main", parentLsn, parentTimestamp, "ci-a", state, null, false, CREATED,
                expiresAt);
    }
}
