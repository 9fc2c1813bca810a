package io.jenkins.plugins.dbbranch.cleanup;

import hudson.model.Job;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.dbbranch.engine.lease.Reaper;
import io.jenkins.plugins.dbbranch.lease.BuildIdentity;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * Tells the engine's {@link Reaper} whether the pull request a {@code keep: 'whilePrOpen'} branch follows is still
 * open, by the job its key names ({@link BuildIdentity#pullRequestKey()}): a multibranch project deletes a closed or
 * merged pull request's job, or keeps it disabled for a while (orphaned item strategy). So the job gone or not
 * buildable means closed; the job there and buildable means open. Keys of other front ends (a script's
 * {@code pr:acme/shop#42}) are unknown here: their branches live until their expiry.
 */
public final class JenkinsPullRequestLiveness implements Reaper.PullRequestLiveness {

    @Override
    public Optional<Boolean> isOpen(String key) {
        if (key == null || !key.startsWith(BuildIdentity.PULL_REQUEST_KEY_PREFIX)) {
            return Optional.empty();
        }
        String job = key.substring(BuildIdentity.PULL_REQUEST_KEY_PREFIX.length());
        try (ACLContext system = ACL.as2(ACL.SYSTEM2)) {
            Job<?, ?> found = Jenkins.get().getItemByFullName(job, Job.class);
            return Optional.of(found != null && found.isBuildable());
        }
    }
}
