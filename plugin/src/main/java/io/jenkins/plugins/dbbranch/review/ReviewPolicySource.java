package io.jenkins.plugins.dbbranch.review;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import io.dbbranch.engine.review.ReviewOptions;
import io.dbbranch.engine.review.policy.PolicyFile;
import io.dbbranch.engine.review.policy.ReviewPolicy;
import java.io.IOException;
import java.io.Serializable;

/**
 * The review policy a step uses, read from the workspace on the controller (so a missing file fails the build before
 * any branch is made) and parsed where the review runs: the explicit {@code reviewPolicy} file, else the repository's
 * {@value PolicyFile#CONVENTIONAL_PATH} when it exists, else the engine's defaults.
 */
public final class ReviewPolicySource implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String text;

    private ReviewPolicySource(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** Reads the policy of {@code request} from {@code workspace}. */
    public static ReviewPolicySource read(ReviewRequest request, @CheckForNull FilePath workspace)
            throws IOException, InterruptedException {
        String path = request.policy() != null ? request.policy() : PolicyFile.CONVENTIONAL_PATH;
        FilePath file = workspace == null ? null : workspace.child(path);
        if (file != null && file.exists()) {
            return new ReviewPolicySource(path, file.readToString());
        }
        if (request.policy() != null) {
            throw new AbortException("reviewPolicy: there is no file '" + path + "' in the workspace"
                    + (workspace == null ? " (the step runs outside node { … })" : " " + workspace.getRemote())
                    + "; check the path, or leave reviewPolicy out to use " + PolicyFile.CONVENTIONAL_PATH + " or the defaults");
        }
        return new ReviewPolicySource(null, null);
    }

    /** Where the policy came from, for the console: the file, or the defaults. */
    public String describe() {
        return name == null ? "the default policy" : "the policy in " + name;
    }

    /**
     * The engine's options: the default policy with the file laid over it.
     *
     * @throws io.dbbranch.engine.DbBranchException {@code INVALID_REQUEST} naming the file's wrong line
     */
    public ReviewOptions options() {
        ReviewOptions defaults = ReviewOptions.defaults();
        return text == null ? defaults : defaults.withPolicy(ReviewPolicy.defaults().with(PolicyFile.parse(text, name)));
    }

}
