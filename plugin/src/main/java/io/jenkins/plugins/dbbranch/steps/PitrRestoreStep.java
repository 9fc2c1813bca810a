package io.jenkins.plugins.dbbranch.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.lease.KeepPolicy;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import io.jenkins.plugins.dbbranch.config.DbConnection;
import io.jenkins.plugins.dbbranch.lease.BranchVerification;
import io.jenkins.plugins.dbbranch.lease.LeaseOpener;
import io.jenkins.plugins.dbbranch.restore.RecoveryBranches;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecutions;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code def recovery = pitrRestore(branch: 'main', beforeBuild: 41)}: the undo button. Makes a recovery branch of a
 * database as it was at a moment (a timestamp, an LSN, a restore point, or just before a build started), checks it, and
 * keeps it (by default) for people to copy data back from. Returns the branch's details and the restore point used.
 */
public final class PitrRestoreStep extends BranchStep {
    private String branch;
    private String timestamp;
    private String lsn;
    private String restorePoint;
    private Integer beforeBuild;
    private String into;

    @DataBoundConstructor
    public PitrRestoreStep() {
    }

    public String getBranch() { return branch; }
    public String getTimestamp() { return timestamp; }
    public String getLsn() { return lsn; }
    public String getRestorePoint() { return restorePoint; }
    public Integer getBeforeBuild() { return beforeBuild; }
    public String getInto() { return into; }

    @DataBoundSetter public void setBranch(String branch) { this.branch = Util.fixEmptyAndTrim(branch); }
    @DataBoundSetter public void setTimestamp(String timestamp) { this.timestamp = Util.fixEmptyAndTrim(timestamp); }
    @DataBoundSetter public void setLsn(String lsn) { this.lsn = Util.fixEmptyAndTrim(lsn); }
    @DataBoundSetter public void setRestorePoint(String restorePoint) { this.restorePoint = Util.fixEmptyAndTrim(restorePoint); }
    @DataBoundSetter public void setBeforeBuild(Integer beforeBuild) { this.beforeBuild = beforeBuild; }
    @DataBoundSetter public void setInto(String into) { this.into = Util.fixEmptyAndTrim(into); }

    @Override
    public StepExecution start(StepContext context) {
        PitrRestoreStep step = this;
        return StepExecutions.synchronousNonBlocking(context, step::restore);
    }

    private Map<String, Object> restore(StepContext context) throws Exception {
        Run<?, ?> run = context.get(Run.class);
        DbConnection on = DbBranchConfiguration.get().resolve(getConnection());
        KeepPolicy policy;
        try {
            policy = getKeep() == null ? KeepPolicy.ALWAYS : KeepPolicy.parse(getKeep());
        } catch (DbBranchException e) {
            throw LeaseOpener.abort(e);
        }
        return RecoveryBranches.restore(on, run, context.get(TaskListener.class), branch != null ? branch : on.defaultParent(),
                PointInTimeArgument.resolve(timestamp, lsn, restorePoint, beforeBuild, run), into, policy,
                BranchVerification.of(getVerify(), getExpect()));
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements BranchForm {
        @Override
        public String getFunctionName() {
            return "pitrRestore";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.PitrRestoreStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @POST
        public ListBoxModel doFillKeepItems(@AncestorInPath Item item) {
            ListBoxModel model = new ListBoxModel();
            if (BranchFields.mayConfigure(item)) {
                model.add(Messages.PitrRestoreStep_KeepAlways(), "");
                model.add(Messages.PitrRestoreStep_KeepNever(), "never");
            }
            return model;
        }

        @POST
        public FormValidation doCheckInto(@AncestorInPath Item item, @QueryParameter String value) {
            return BranchFields.checkBranchName(item, value);
        }
    }
}
