package io.jenkins.plugins.dbbranch.testing;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.TaskListener;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecutions;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * A test-only step, {@code branchRows('select email, name from customers')}: logs in with {@code JDBC_DATABASE_URL} as
 * the body sees it and returns every row, its columns joined by {@code |}: what a build would print of its data.
 */
public final class BranchRowsStep extends Step {
    private final String sql;

    @DataBoundConstructor
    public BranchRowsStep(String sql) {
        this.sql = sql;
    }

    public String getSql() {
        return sql;
    }

    @Override
    public StepExecution start(StepContext context) {
        return StepExecutions.synchronousNonBlocking(context, c -> rows(c.get(EnvVars.class)));
    }

    private ArrayList<String> rows(EnvVars env) throws Exception {
        ArrayList<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(env.get("JDBC_DATABASE_URL"));
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "branchRows";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Read rows of the branch (tests only)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(EnvVars.class, TaskListener.class);
        }
    }
}
