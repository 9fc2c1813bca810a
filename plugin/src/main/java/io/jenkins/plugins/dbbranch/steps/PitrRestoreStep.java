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
import org.jenkinsci.plugins.workflow.steps.Step;
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
public final class PitrRestoreStep extends Step {
    private String connection;
    private String branch;
    private String timestamp;
    private String lsn;
    private String restorePoint;
    private Integer beforeBuild;
    private String into;
    private String verify;
    private String keep;
    private String expect;

    @DataBoundConstructor
    public PitrRestoreStep() {
    }

    public String getConnection() { return connection; }
    public String getBranch() { return branch; }
    public String getTimestamp() { return timestamp; }
    public String getLsn() { return lsn; }
    public String getRestorePoint() { return restorePoint; }
    public Integer getBeforeBuild() { return beforeBuild; }
    public String getInto() { return into; }
    public String getVerify() { return verify; }
    public String getKeep() { return keep; }
    public String getExpect() { return expect; }

    @DataBoundSetter public void setConnection(String connection) { this.connection = Util.fixEmptyAndTrim(connection); }
    @DataBoundSetter public void setBranch(String branch) { this.branch = Util.fixEmptyAndTrim(branch); }
    @DataBoundSetter public void setTimestamp(String timestamp) { this.timestamp = Util.fixEmptyAndTrim(timestamp); }
    @DataBoundSetter public void setLsn(String lsn) { this.lsn = Util.fixEmptyAndTrim(lsn); }
    @DataBoundSetter public void setRestorePoint(String restorePoint) { this.restorePoint = Util.fixEmptyAndTrim(restorePoint); }
    @DataBoundSetter public void setBeforeBuild(Integer beforeBuild) { this.beforeBuild = beforeBuild; }
    @DataBoundSetter public void setInto(String into) { this.into = Util.fixEmptyAndTrim(into); }
    @DataBoundSetter public void setVerify(String verify) { this.verify = Util.fixEmptyAndTrim(verify); }
    @DataBoundSetter public void setKeep(String keep) { this.keep = Util.fixEmptyAndTrim(keep); }
    @DataBoundSetter public void setExpect(String expect) { this.expect = Util.fixEmptyAndTrim(expect); }

    @Override
    public StepExecution start(StepContext context) {
        PitrRestoreStep step = this;
        return StepExecutions.synchronousNonBlocking(context, step::restore);
    }

    private Map<String, Object> restore(StepContext context) throws Exception {
        Run<?, ?> run = context.get(Run.class);
        DbConnection on = DbBranchConfiguration.get().resolve(connection);
        KeepPolicy policy;
        try {
            policy = keep == null ? KeepPolicy.ALWAYS : KeepPolicy.parse(keep);
        } catch (DbBranchException e) {
            throw LeaseOpener.abort(e);
        }
        return RecoveryBranches.restore(on, run, context.get(TaskListener.class), branch != null ? branch : on.defaultParent(),
                PointInTimeArgument.resolve(timestamp, lsn, restorePoint, beforeBuild, run), into, policy,
                BranchVerification.of(verify, expect));
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        /** {@code expect} means what it means in {@code withDbBranch}: one help text for both. */
        public DescriptorImpl() {
            addHelpFileRedirect("expect", WithDbBranchStep.class, "expect");
        }

        @Override
        public String getFunctionName() {
            return "pitrRestore";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Make a recovery branch of a database as it was at a past moment";
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
            ListBoxModel model = new ListBoxModel();
            if (BranchFields.mayConfigure(item)) {
                model.add("always: keep the recovery branch (default)", "");
                model.add("never: delete it at the end (a restore drill)", "never");
            }
            return model;
        }

        @POST
        public FormValidation doCheckExpect(@AncestorInPath Item item, @QueryParameter String value) {
            return BranchFields.checkExpect(item, value);
        }

        @POST
        public FormValidation doCheckInto(@AncestorInPath Item item, @QueryParameter String value) {
            return BranchFields.checkBranchName(item, value);
        }
    }
}
