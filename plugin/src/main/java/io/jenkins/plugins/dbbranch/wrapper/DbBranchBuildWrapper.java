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
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildWrapperDescriptor;
import io.jenkins.plugins.dbbranch.credentials.MaskingConsoleFilter;
import io.jenkins.plugins.dbbranch.lease.LeaseHandle;
import io.jenkins.plugins.dbbranch.lease.LeaseOpener;
import io.jenkins.plugins.dbbranch.lease.LiveLeases;
import io.jenkins.plugins.dbbranch.steps.LeaseForm;
import io.jenkins.plugins.dbbranch.steps.LeaseParameters;
import io.jenkins.plugins.dbbranch.steps.WithDbBranchStep;
import java.io.IOException;
import java.util.Set;
import jenkins.tasks.SimpleBuildWrapper;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * "Run the build on a throw-away database branch" for freestyle jobs (and {@code wrap} in Pipeline): the same lease,
 * variables and masking as {@code withDbBranch}, torn down when the build's steps are done.
 */
public final class DbBranchBuildWrapper extends SimpleBuildWrapper implements LeaseParameters {
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
    private String data;
    private String masking;
    private String keepData;
    private String allowUnmasked;

    @DataBoundConstructor
    public DbBranchBuildWrapper() {
    }

    @Override public String getConnection() { return connection; }
    @Override public String getParent() { return parent; }
    @Override public String getName() { return name; }
    @Override public String getOnExists() { return onExists; }
    @Override public String getTtl() { return ttl; }
    @Override public String getKeep() { return keep; }
    @Override public String getEnvPrefix() { return envPrefix; }
    @Override public boolean isMigrate() { return migrate; }
    @Override public String getLocations() { return locations; }
    @Override public String getVerify() { return verify; }
    @Override public String getExpect() { return expect; }
    @Override public boolean isReview() { return review; }
    @Override public String getReviewPolicy() { return reviewPolicy; }
    @Override public boolean isUnstableOnWarn() { return unstableOnWarn; }
    @Override public String getData() { return data; }
    @Override public String getMasking() { return masking; }
    @Override public String getKeepData() { return keepData; }
    @Override public String getAllowUnmasked() { return allowUnmasked; }

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
    @DataBoundSetter public void setData(String data) { this.data = Util.fixEmptyAndTrim(data); }
    @DataBoundSetter public void setMasking(String masking) { this.masking = Util.fixEmptyAndTrim(masking); }
    @DataBoundSetter public void setKeepData(String keepData) { this.keepData = Util.fixEmptyAndTrim(keepData); }
    @DataBoundSetter public void setAllowUnmasked(String allowUnmasked) { this.allowUnmasked = Util.fixEmptyAndTrim(allowUnmasked); }

    @Override
    public void setUp(Context context, Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener,
                      EnvVars initialEnvironment) throws IOException, InterruptedException {
        if (!(build instanceof AbstractBuild)) {
            // Pipeline's wrap step keeps a wrapper's variables with the Pipeline's saved state: no place for a token.
            throw new AbortException("In a Pipeline, use withDbBranch { … } instead of wrap([$class: 'DbBranchBuildWrapper']): "
                    + "it never saves the branch's credential with the Pipeline's state");
        }
        LeaseHandle handle = LeaseOpener.open(request(), "wrapper", build, initialEnvironment, workspace, listener);
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
    public static final class DescriptorImpl extends BuildWrapperDescriptor implements LeaseForm {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DbBranchBuildWrapper_DisplayName();
        }

        @Override
        public boolean isApplicable(AbstractProject<?, ?> item) {
            return true;
        }

        /** The fields mean what they mean in {@code withDbBranch}: one help text for both. */
        public DescriptorImpl() {
            DescribableModel.of(DbBranchBuildWrapper.class).getParameters()
                    .forEach(field -> addHelpFileRedirect(field.getName(), WithDbBranchStep.class, field.getName()));
        }
    }
}
