package io.jenkins.plugins.dbbranch.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code withDbBranch(connection: 'lakebase-prod', migrate: true) { sh './gradlew integrationTest' }}: a throw-away
 * branch of a real database for the block, with {@code PGHOST}, {@code PGPASSWORD}, {@code DATABASE_URL}, … set
 * (secrets masked), torn down when the block ends, however it ends. Every parameter is optional.
 */
public final class WithDbBranchStep extends BranchStep implements LeaseParameters {
    private String parent;
    private String name;
    private String onExists;
    private String ttl;
    private String envPrefix;
    private boolean migrate;
    private String locations;
    private boolean review;
    private String reviewPolicy;
    private boolean unstableOnWarn = true;
    private String data;
    private String masking;
    private String keepData;
    private String allowUnmasked;

    @DataBoundConstructor
    public WithDbBranchStep() {
    }

    @Override public String getParent() { return parent; }
    @Override public String getName() { return name; }
    @Override public String getOnExists() { return onExists; }
    @Override public String getTtl() { return ttl; }
    @Override public String getEnvPrefix() { return envPrefix; }
    @Override public boolean isMigrate() { return migrate; }
    @Override public String getLocations() { return locations; }
    @Override public boolean isReview() { return review; }
    @Override public String getReviewPolicy() { return reviewPolicy; }
    @Override public boolean isUnstableOnWarn() { return unstableOnWarn; }
    @Override public String getData() { return data; }
    @Override public String getMasking() { return masking; }
    @Override public String getKeepData() { return keepData; }
    @Override public String getAllowUnmasked() { return allowUnmasked; }

    @DataBoundSetter public void setParent(String parent) { this.parent = Util.fixEmptyAndTrim(parent); }
    @DataBoundSetter public void setName(String name) { this.name = Util.fixEmptyAndTrim(name); }
    @DataBoundSetter public void setOnExists(String onExists) { this.onExists = Util.fixEmptyAndTrim(onExists); }
    @DataBoundSetter public void setTtl(String ttl) { this.ttl = Util.fixEmptyAndTrim(ttl); }
    @DataBoundSetter public void setEnvPrefix(String envPrefix) { this.envPrefix = Util.fixEmptyAndTrim(envPrefix); }
    @DataBoundSetter public void setMigrate(boolean migrate) { this.migrate = migrate; }
    @DataBoundSetter public void setLocations(String locations) { this.locations = Util.fixEmptyAndTrim(locations); }
    @DataBoundSetter public void setReview(boolean review) { this.review = review; }
    @DataBoundSetter public void setReviewPolicy(String reviewPolicy) { this.reviewPolicy = Util.fixEmptyAndTrim(reviewPolicy); }
    @DataBoundSetter public void setUnstableOnWarn(boolean unstableOnWarn) { this.unstableOnWarn = unstableOnWarn; }
    @DataBoundSetter public void setData(String data) { this.data = Util.fixEmptyAndTrim(data); }
    @DataBoundSetter public void setMasking(String masking) { this.masking = Util.fixEmptyAndTrim(masking); }
    @DataBoundSetter public void setKeepData(String keepData) { this.keepData = Util.fixEmptyAndTrim(keepData); }
    @DataBoundSetter public void setAllowUnmasked(String allowUnmasked) { this.allowUnmasked = Util.fixEmptyAndTrim(allowUnmasked); }

    @Override
    public StepExecution start(StepContext context) {
        return new WithDbBranchExecution(request(), context);
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements LeaseForm {
        @Override
        public String getFunctionName() {
            return "withDbBranch";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.WithDbBranchStep_DisplayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
