package io.jenkins.plugins.dbbranch.cleanup;

import hudson.model.TaskListener;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.lease.ReapReport;
import io.dbbranch.engine.lease.Reaper;
import io.dbbranch.engine.spi.BranchProvider;
import io.jenkins.plugins.dbbranch.config.ConnectionContext;
import io.jenkins.plugins.dbbranch.config.DbBranchConfiguration;
import io.jenkins.plugins.dbbranch.config.DbConnection;
import io.jenkins.plugins.dbbranch.lease.ConsoleProgress;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One clean-up pass over every configured connection with the engine's {@link Reaper}: deletes the branches whose
 * labels name this controller and whose expiry has passed, whose build is over, or (kept while a pull request is open)
 * whose pull request's job is gone or disabled. Branches of other controllers, and
 * branches without labels, are never touched. A connection that fails is reported and the others still go.
 */
final class ReaperPass {
    private ReaperPass() {
    }

    /** Runs the pass; returns each connection's report (connections that failed are absent). */
    static Map<String, ReapReport> run(TaskListener listener) {
        Map<String, ReapReport> reports = new LinkedHashMap<>();
        ConnectionContext context = ConnectionContext.forController();
        for (DbConnection connection : DbBranchConfiguration.get().getConnections()) {
            try (BranchProvider provider = connection.open(context)) {
                ReapReport report = new Reaper(provider, context.owner(), new JenkinsBuildLiveness(), new JenkinsPullRequestLiveness(),
                        Clock.systemUTC())
                        .reap("", false, false, ConsoleProgress.to(listener));
                reports.put(connection.getName(), report);
                listener.getLogger().printf("%s: %d deleted, %d left alone, %d failed%n", connection.getName(),
                        report.deleted().size(), report.skipped().size(), report.failures().size());
            } catch (IOException | DbBranchException e) {
                listener.getLogger().println(connection.getName() + ": skipped: " + e.getMessage());
            }
        }
        return reports;
    }
}
