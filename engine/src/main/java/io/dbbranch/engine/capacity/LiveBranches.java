package io.dbbranch.engine.capacity;

import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Labels;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The branches alive on a provider now, as their labels tell: made by dbbranch, with an expiry that has not passed
 * (roots, which never expire, are not branches of a build and do not count).
 */
record LiveBranches(List<BranchInfo> alive) {
    private static final int NAMED = 6;

    static LiveBranches of(BranchProvider provider) {
        Instant now = Instant.now();
        return new LiveBranches(provider.listBranches("").stream().filter(branch -> isAlive(branch.labels(), now)).toList());
    }

    private static boolean isAlive(Labels labels, Instant now) {
        return labels != null && labels.expiresAt() != null && !labels.isExpiredAt(now);
    }

    /** The live branches {@code owner} made. */
    List<BranchInfo> of(String owner) {
        return alive.stream().filter(branch -> owner.equals(branch.labels().owner())).toList();
    }

    /** "3 branches are alive: ci-a (cli@host, job app #12), …": whose they are, for a message. */
    String describe() {
        if (alive.isEmpty()) {
            return "no branch made by dbbranch is alive";
        }
        String named = alive.stream().limit(NAMED).map(LiveBranches::whose).collect(Collectors.joining(", "));
        return alive.size() + (alive.size() == 1 ? " branch is" : " branches are") + " alive: " + named
                + (alive.size() > NAMED ? " and " + (alive.size() - NAMED) + " more" : "");
    }

    /** Names only, for a progress line. */
    static String names(List<BranchInfo> branches) {
        return branches.stream().limit(NAMED).map(BranchInfo::name).collect(Collectors.joining(", "))
                + (branches.size() > NAMED ? ", …" : "");
    }

    private static String whose(BranchInfo branch) {
        Labels labels = branch.labels();
        String build = labels.job() == null ? "" : ", " + labels.job() + (labels.build() == null ? "" : " #" + labels.build());
        return branch.name() + " (" + labels.owner() + build + ", since " + labels.createdAt() + ")";
    }
}
