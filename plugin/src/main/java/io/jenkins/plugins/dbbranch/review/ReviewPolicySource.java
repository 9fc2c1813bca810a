package io.jenkins.plugins.dbbranch.review;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import io.dbbranch.engine.review.ReviewOptions;
import io.dbbranch.engine.review.policy.PolicyFile;
import io.dbbranch.engine.review.policy.ReviewPolicy;
import io.jenkins.plugins.dbbranch.config.DbConnection;
import java.io.IOException;
import java.io.Serializable;

/**
 * The review policy a step uses, read from the workspace on the controller (so a missing file fails the build before
 * any branch is made) and parsed where the review runs: the engine's defaults, under the connection's policy, under
 * the explicit {@code reviewPolicy} file, else the repository's {@value PolicyFile#CONVENTIONAL_PATH} when it exists.
 */
public final class ReviewPolicySource implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String connection;
    private final String connectionText;
    private final String name;
    private final String text;

    private ReviewPolicySource(String connection, String connectionText, String name, String text) {
        this.connection = connection;
        this.connectionText = connectionText;
        this.name = name;
        this.text = text;
    }

    /** Reads the policy of {@code request} from {@code workspace}, over the policy of the connection {@code on}. */
    public static ReviewPolicySource read(ReviewRequest request, DbConnection on, @CheckForNull FilePath workspace)
            throws IOException, InterruptedException {
        String path = request.policy() != null ? request.policy() : PolicyFile.CONVENTIONAL_PATH;
        FilePath file = workspace == null ? null : workspace.child(path);
        if (file != null && file.exists()) {
            return new ReviewPolicySource(on.getName(), on.getReviewPolicy(), path, file.readToString());
        }
        if (request.policy() != null) {
            throw new AbortException("reviewPolicy: there is no file '" + path + "' in the workspace"
                    + (workspace == null ? " (the step runs outside node { … })" : " " + workspace.getRemote())
                    + "; check the path, or leave reviewPolicy out to use " + PolicyFile.CONVENTIONAL_PATH + " or the defaults");
        }
        return new ReviewPolicySource(on.getName(), on.getReviewPolicy(), null, null);
    }

    /** Where the policy came from, for the console: the connection's and the file, or the defaults. */
    public String describe() {
        String base = connectionText == null ? "the default policy" : "the policy of connection '" + connection + "'";
        return name == null ? base : base + " and the policy in " + name;
    }

    /**
     * The engine's options: the defaults, the connection's policy over them, the repository's file over that.
     *
     * @throws io.dbbranch.engine.DbBranchException {@code INVALID_REQUEST} naming the file's wrong line
     */
    public ReviewOptions options() {
        ReviewPolicy policy = ReviewPolicy.defaults();
        if (connectionText != null) {
            policy = policy.with(PolicyFile.parse(connectionText, "the review policy of connection '" + connection + "'"));
        }
        if (text != null) {
            policy = policy.with(PolicyFile.parse(text, name));
        }
        return ReviewOptions.defaults().withPolicy(policy);
    }

}
