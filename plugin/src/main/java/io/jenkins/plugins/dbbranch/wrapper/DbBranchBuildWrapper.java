package io.jenkins.plugins.dbbranch.wrapper;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildWrapperDescriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.dbbranch.credentials.MaskingConsoleFilter;
import io.jenkins.plugins.dbbranch.lease.BranchRequest;
import io.jenkins.plugins.dbbranch.lease.LeaseHandle;
import io.jenkins.plugins.dbbranch.lease.LeaseOpener;
import io.jenkins.plugins.dbbranch.lease.LiveLeases;
import io.jenkins.plugins.dbbranch.review.ReviewRequest;
import io.jenkins.plugins.dbbranch.steps.BranchFields;
import io.jenkins.plugins.dbbranch.steps.WithDbBranchStep;
import java.io.IOException;
import java.util.Set;
import jenkins.tasks.SimpleBuildWrapper;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * "Run the build on a throw-away database branch" for freestyle jobs (and {@code wrap} in Pipeline): the same lease,
 * variables and masking as {@code withDbBranch}, torn down when the build's steps are done.
 */
public final class DbBranchBuildWrapper extends SimpleBuildWrapper {
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
    public DbBranchBuildWrapper() {
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

    @Override
    public void setUp(Context context, Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener,
                      EnvVars initialEnvironment) throws IOException, InterruptedException {
        if (!(build instanceof AbstractBuild)) {
            // Pipeline's wrap step keeps a wrapper's variables with the Pipeline's saved state: no place for a token.
            throw new AbortException("In a Pipeline, use withDbBranch { … } instead of wrap([$class: 'DbBranchBuildWrapper']): "
                    + "it never saves the branch's credential with the Pipeline's state");
        }
        BranchRequest request = new BranchRequest(connection, parent, name, ttl, keep, envPrefix, migrate, locations, verify, expect)
                .withReview(new ReviewRequest(review, reviewPolicy, unstableOnWarn)).withOnExists(onExists);
        LeaseHandle handle = LeaseOpener.open(request, "wrapper", build, initialEnvironment, workspace, listener);
        handle.variables().forEach(context::env);
        context.setDisposer(new LeaseDisposer(handle));
    }

    /** Masks the branch's secrets in the whole build's console; they are looked up as the build's leases open. */
    @Override
    public ConsoleLogFilter createLoggerDecorator(@NonNull Run<?, ?> build) {
        return new MaskingConsoleFilter(build.getExternalizableId(), Set.of(), build.getCharset());
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void makeSensitiveBuildVariables(AbstractBuild build, Set<String> sensitiveVariables) {
        super.makeSensitiveBuildVariables(build, sensitiveVariables);
        LiveLeases.keysOf(build.getExternalizableId()).forEach(key -> LiveLeases.get(key)
                .ifPresent(live -> sensitiveVariables.addAll(live.lease().environment().secretNames())));
    }

    @Extension
    @Symbol("databaseBranch")
    public static final class DescriptorImpl extends BuildWrapperDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Run the build on a throw-away database branch";
        }

        @Override
        public boolean isApplicable(AbstractProject<?, ?> item) {
            return true;
        }

        /** The fields mean what they mean in {@code withDbBranch}: one help text for both. */
        public DescriptorImpl() {
            for (String field : new String[] {"connection", "parent", "name", "onExists", "ttl", "keep", "envPrefix", "migrate", "locations", "verify", "expect", "review", "reviewPolicy", "unstableOnWarn"}) {
                addHelpFileRedirect(field, WithDbBranchStep.class, field);
            }
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
