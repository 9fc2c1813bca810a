package io.dbbranch.engine.lakebase;

import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.RestorePoint;
import java.time.Instant;

/**
 * Turns Lakebase branches into {@link BranchInfo}. Lakebase branches have no label field, so ownership is
 * carried by the name and the expiry: a branch whose id starts with the configured prefix is reported with
 * minimal labels (the configured owner, the create time and the expiry); job, build and pull request are not
 * recorded on Lakebase. Branches without the prefix are reported without labels, i.e. as not ours.
 */
final class BranchMapping {
    private final LakebaseConfig config;

    BranchMapping(LakebaseConfig config) {
        this.config = config;
    }

    BranchInfo toInfo(Dto.Branch branch) {
        String id = branch.id();
        Dto.BranchStatus status = branch.status();
        Instant expires = status == null ? null : status.expireTime();
        Instant created = branch.createTime();
        Labels labels = id.startsWith(config.namePrefix()) && created != null
                ? new Labels(config.owner(), null, null, null, created, expires)
                : null;
        // The status names the point of the source every child was taken at; only a branch of the past has a restore point.
        RestorePoint restorePoint = !branch.madeAtAPoint() || status == null
                || (status.sourceBranchTime() == null && status.sourceBranchLsn() == null)
                ? null : new RestorePoint(status.sourceBranchTime(), status.sourceBranchLsn());
        return new BranchInfo(id, id, status == null ? null : lastSegment(status.sourceBranch()),
                state(branch.state()), created, expires, labels, restorePoint);
    }

    static BranchState state(String lakebaseState) {
        if (lakebaseState == null) {
            return BranchState.UNKNOWN;
        }
        return switch (lakebaseState) {
            case "READY" -> BranchState.READY;
            case "INIT", "IMPORTING" -> BranchState.CREATING;
            case "ARCHIVED" -> BranchState.ARCHIVED;
            case "RESETTING", "DELETED" -> BranchState.BUSY;
            default -> BranchState.UNKNOWN;
        };
    }

    static String lastSegment(String name) {
        return name == null ? null : name.substring(name.lastIndexOf('/') + 1);
    }
}
