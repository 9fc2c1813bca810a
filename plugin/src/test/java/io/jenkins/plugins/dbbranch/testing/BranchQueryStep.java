package io.jenkins.plugins.dbbranch.testing;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.TaskListener;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecutions;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * A test-only step, {@code branchQuery('select count(*) from t')}: logs in with {@code JDBC_DATABASE_URL} as the
 * body sees it and returns the query's single number, proving the variables really reach the branch. It also
 * remembers the last password it saw, so that tests can look for it where it must not be.
 */
public final class BranchQueryStep extends Step {
    /** The last {@code PGPASSWORD} a body handed to this step. */
    public static volatile String lastPassword;

    private final String sql;

    @DataBoundConstructor
    public BranchQueryStep(String sql) {
        this.sql = sql;
    }

    public String getSql() {
        return sql;
    }

    @Override
    public StepExecution start(StepContext context) {
        return StepExecutions.synchronousNonBlocking(context, c -> query(c.get(EnvVars.class)));
    }

    private long query(EnvVars env) throws Exception {
        lastPassword = env.get("PGPASSWORD");
        try (Connection connection = DriverManager.getConnection(env.get("JDBC_DATABASE_URL"));
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "branchQuery";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Query the branch (tests only)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(EnvVars.class, TaskListener.class);
        }
    }
}
