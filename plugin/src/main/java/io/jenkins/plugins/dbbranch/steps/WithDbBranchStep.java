package io.jenkins.plugins.dbbranch.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.dbbranch.lease.BranchRequest;
import io.jenkins.plugins.dbbranch.review.ReviewRequest;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code withDbBranch(connection: 'lakebase-prod', migrate: true) { sh './gradlew integrationTest' }}: a throw-away
 * branch of a real database for the block, with {@code PGHOST}, {@code PGPASSWORD}, {@code DATABASE_URL}, … set
 * (secrets masked), torn down when the block ends, however it ends. Every parameter is optional.
 */
public final class WithDbBranchStep extends Step {
    private String connection;
    private String parent;
    private String name;
    private String onExists;
    private String ttl;
    private String keep;
    private String envPrefix;
    private boolean migrate;
    private String locations;
    private String verify;
    private String expect;
    private boolean review;
    private String reviewPolicy;
    private boolean unstableOnWarn = true;

    @DataBoundConstructor
    public WithDbBranchStep() {
    }

    public String getConnection() { return connection; }
    public String getParent() { return parent; }
    public String getName() { return name; }
    /** What to do when a branch of the fixed {@code name} exists: {@code fail} (default), {@code reuse}, {@code reset}, {@code recreate}. */
    public String getOnExists() { return onExists; }
    public String getTtl() { return ttl; }
    public String getKeep() { return keep; }
    public String getEnvPrefix() { return envPrefix; }
    public boolean isMigrate() { return migrate; }
    public String getLocations() { return locations; }
    public String getVerify() { return verify; }
    public String getExpect() { return expect; }
    public boolean isReview() { return review; }
    public String getReviewPolicy() { return reviewPolicy; }
    /** Whether a WARN review marks the build unstable; default {@code true}. */
    public boolean isUnstableOnWarn() { return unstableOnWarn; }

    @DataBoundSetter public void setConnection(String connection) { this.connection = Util.fixEmptyAndTrim(connection); }
    @DataBoundSetter public void setParent(String parent) { this.parent = Util.fixEmptyAndTrim(parent); }
    @DataBoundSetter public void setName(String name) { this.name = Util.fixEmptyAndTrim(name); }
    @DataBoundSetter public void setOnExists(String onExists) { this.onExists = Util.fixEmptyAndTrim(onExists); }
    @DataBoundSetter public void setTtl(String ttl) { this.ttl = Util.fixEmptyAndTrim(ttl); }
    @DataBoundSetter public void setKeep(String keep) { this.keep = Util.fixEmptyAndTrim(keep); }
    @DataBoundSetter public void setEnvPrefix(String envPrefix) { this.envPrefix = Util.fixEmptyAndTrim(envPrefix); }
    @DataBoundSetter public void setMigrate(boolean migrate) { this.migrate = migrate; }
    @DataBoundSetter public void setLocations(String locations) { this.locations = Util.fixEmptyAndTrim(locations); }
    @DataBoundSetter public void setVerify(String verify) { this.verify = Util.fixEmptyAndTrim(verify); }
    @DataBoundSetter public void setExpect(String expect) { this.expect = Util.fixEmptyAndTrim(expect); }
    @DataBoundSetter public void setReview(boolean review) { this.review = review; }
    @DataBoundSetter public void setReviewPolicy(String reviewPolicy) { this.reviewPolicy = Util.fixEmptyAndTrim(reviewPolicy); }
    @DataBoundSetter public void setUnstableOnWarn(boolean unstableOnWarn) { this.unstableOnWarn = unstableOnWarn; }

    /** The parameters as the shared core takes them. */
    public BranchRequest request() {
        return new BranchRequest(connection, parent, name, ttl, keep, envPrefix, migrate, locations, verify, expect)
                .withReview(new ReviewRequest(review, reviewPolicy, unstableOnWarn)).withOnExists(onExists);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new WithDbBranchExecution(request(), context);
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "withDbBranch";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Run the block on a throw-away branch of a database";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @POST
        public ListBoxModel doFillConnectionItems(@AncestorInPath Item item, @QueryParameter String connection) {
            return BranchFields.connections(item, connection);
        }

        @POST
        public ListBoxModel doFillKeepItems(@AncestorInPath Item item) {
            return BranchFields.keepPolicies(item);
        }

        @POST
        public FormValidation doCheckTtl(@AncestorInPath Item item, @QueryParameter String value) {
            return BranchFields.checkDuration(item, "ttl", value);
        }

        @POST
        public FormValidation doCheckKeep(@AncestorInPath Item item, @QueryParameter String value) {
            return BranchFields.checkKeep(item, value);
        }

        @POST
        public ListBoxModel doFillOnExistsItems(@AncestorInPath Item item) {
            return BranchFields.onExistsChoices(item);
        }

        @POST
        public FormValidation doCheckExpect(@AncestorInPath Item item, @QueryParameter String value) {
            return BranchFields.checkExpect(item, value);
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            return BranchFields.checkBranchName(item, value);
        }
    }
}
