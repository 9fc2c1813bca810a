package io.jenkins.plugins.dbbranch.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import io.jenkins.plugins.dbbranch.config.DbConnection;
import io.jenkins.plugins.dbbranch.lease.BranchRequest;
import io.jenkins.plugins.dbbranch.migration.BranchMigrations;
import io.jenkins.plugins.dbbranch.migration.MigrationSummary;
import io.jenkins.plugins.dbbranch.review.ReviewRequest;
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
 * {@code def report = migrateUpstream(connection: 'lakebase-prod', locations: 'db/migration')}: after merge, applies the
 * migrations of the workspace to the parent itself, prints what it did as a table and returns the report as a map.
 */
public final class MigrateUpstreamStep extends Step {
    private String connection;
    private String parent;
    private String locations;
    private boolean dryRun;
    private boolean review = true;
    private String reviewPolicy;
    private boolean unstableOnWarn = true;
    private boolean migrateDespiteFailedReview;

    @DataBoundConstructor
    public MigrateUpstreamStep() {
    }

    public String getConnection() { return connection; }
    public String getParent() { return parent; }
    public String getLocations() { return locations; }
    public boolean isDryRun() { return dryRun; }
    /** Whether the rehearsal is reviewed; default {@code true}. */
    public boolean isReview() { return review; }
    public String getReviewPolicy() { return reviewPolicy; }
    /** Whether a WARN review marks the build unstable; default {@code true}. */
    public boolean isUnstableOnWarn() { return unstableOnWarn; }
    public boolean isMigrateDespiteFailedReview() { return migrateDespiteFailedReview; }

    @DataBoundSetter public void setConnection(String connection) { this.connection = Util.fixEmptyAndTrim(connection); }
    @DataBoundSetter public void setParent(String parent) { this.parent = Util.fixEmptyAndTrim(parent); }
    @DataBoundSetter public void setLocations(String locations) { this.locations = Util.fixEmptyAndTrim(locations); }
    @DataBoundSetter public void setDryRun(boolean dryRun) { this.dryRun = dryRun; }
    @DataBoundSetter public void setReview(boolean review) { this.review = review; }
    @DataBoundSetter public void setReviewPolicy(String reviewPolicy) { this.reviewPolicy = Util.fixEmptyAndTrim(reviewPolicy); }
    @DataBoundSetter public void setUnstableOnWarn(boolean unstableOnWarn) { this.unstableOnWarn = unstableOnWarn; }
    @DataBoundSetter public void setMigrateDespiteFailedReview(boolean value) { this.migrateDespiteFailedReview = value; }

    @Override
    public StepExecution start(StepContext context) {
        BranchRequest request = new BranchRequest(connection, parent, null, null, null, null, true, locations, null, null);
        ReviewRequest reviewed = new ReviewRequest(review, reviewPolicy, unstableOnWarn);
        boolean dry = dryRun;
        boolean despite = migrateDespiteFailedReview;
        return StepExecutions.synchronousNonBlocking(context, c -> migrate(c, request, dry, reviewed, despite));
    }

    private static Map<String, Object> migrate(StepContext context, BranchRequest request, boolean dryRun, ReviewRequest review,
                                               boolean despite) throws Exception {
        TaskListener listener = context.get(TaskListener.class);
        DbConnection on = DbBranchConfiguration.get().resolve(request.connection());
        MigrationSummary report = BranchMigrations.upstream(context.get(FilePath.class), on, context.get(Run.class),
                new BranchMigrations.Upstream(request.parentOn(on), request.locationList(), dryRun, review, despite), listener);
        listener.getLogger().println(report.table());
        return report.toMap();
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        /** The review's policy and warning fields mean what they mean in {@code withDbBranch}: one help text for both. */
        public DescriptorImpl() {
            addHelpFileRedirect("reviewPolicy", WithDbBranchStep.class, "reviewPolicy");
            addHelpFileRedirect("unstableOnWarn", WithDbBranchStep.class, "unstableOnWarn");
        }

        @Override
        public String getFunctionName() {
            return "migrateUpstream";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MigrateUpstreamStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class);
        }

        @POST
        public ListBoxModel doFillConnectionItems(@AncestorInPath Item item, @QueryParameter String connection) {
            return BranchFields.connections(item, connection);
        }
    }
}
