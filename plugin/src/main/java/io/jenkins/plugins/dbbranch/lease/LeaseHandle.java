package io.jenkins.plugins.dbbranch.lease;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.TeardownResult;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.Progress;
import io.jenkins.plugins.dbbranch.actions.DbBranchAction;
import io.jenkins.plugins.dbbranch.credentials.AgentPassFile;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a build keeps of a lease: enough to find it again ({@link LiveLeases}), to resume it after a restart, or to
 * delete its branch when it is lost. Persisted by Pipeline with the step, so it holds no secret: the key, the branch,
 * the connection's name, the request, the non-secret variables and the names of the secret ones.
 */
public final class LeaseHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String runId;
    private final BranchRequest request;
    private final String connection;
    private final String branch;
    private final String branchId;
    private final LinkedHashMap<String, String> publicVariables;
    private final ArrayList<String> secretNames;
    private final boolean agentPassFile;

    LeaseHandle(String key, String runId, BranchRequest request, String connection, BranchInfo branch,
                Map<String, String> publicVariables, Set<String> secretNames, boolean agentPassFile) {
        this.key = key;
        this.runId = runId;
        this.request = request;
        this.connection = connection;
        this.branch = branch.name();
        this.branchId = branch.id();
        this.publicVariables = new LinkedHashMap<>(publicVariables);
        this.secretNames = new ArrayList<>(secretNames);
        this.agentPassFile = agentPassFile;
    }

    public String key() { return key; }
    public String runId() { return runId; }
    public BranchRequest request() { return request; }
    public String connection() { return connection; }
    public String branch() { return branch; }
    public String branchId() { return branchId; }
    public boolean agentPassFile() { return agentPassFile; }

    /**
     * Adds what the migration review said to the variables of the body: {@code DB_REVIEW_VERDICT} ({@code PASS} or
     * {@code WARN}; a FAIL stops before the body) and {@code DB_REVIEW_REPORT}, the JSON report's workspace path.
     */
    void reviewed(String verdict, String jsonReport) {
        String prefix = request.envPrefix() == null ? "" : request.envPrefix();
        publicVariables.put(prefix + "DB_REVIEW_VERDICT", verdict);
        publicVariables.put(prefix + "DB_REVIEW_REPORT", jsonReport);
    }

    /** The names of the variables whose values are secret (to declare as sensitive). */
    public List<String> secretNames() {
        return List.copyOf(secretNames);
    }

    /** Whether the lease is open in this controller. */
    public boolean isLive() {
        return LiveLeases.get(key).isPresent();
    }

    /**
     * The variables for processes started now: the non-secret ones, and the secret ones with the credential in force
     * now, while the lease is live (none otherwise).
     */
    public Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>(publicVariables);
        LiveLeases.get(key).ifPresent(live -> {
            Map<String, String> now = live.lease().currentEnvironment().variables();
            secretNames.stream().filter(now::containsKey).forEach(name -> variables.put(name, now.get(name)));
        });
        return variables;
    }

    /** The strings to hide in the console now. */
    public Set<String> masks() {
        return LiveLeases.get(key).map(live -> live.lease().masks()).orElse(Set.of());
    }

    /**
     * Ends the lease: tears the live lease down (the keep policy deciding, given {@code bodyFailure}), or, when the lease
     * was lost (a restart it could not survive), deletes its branch. Records the outcome on the build page. Never throws
     * for a failed teardown: the result carries it.
     */
    public TeardownResult close(@CheckForNull Throwable bodyFailure, Run<?, ?> run, @CheckForNull FilePath workspace,
                                TaskListener listener) throws InterruptedException {
        Progress progress = ConsoleProgress.to(listener);
        Optional<LiveLeases.Live> live = LiveLeases.end(key);
        TeardownResult result;
        if (live.isPresent()) {
            BranchLease lease = live.get().lease();
            if (bodyFailure != null) {
                lease.bodyFailed(bodyFailure);
            }
            try {
                result = lease.teardown();
            } finally {
                live.get().provider().close();
            }
            DbBranchAction.of(run).timings(key, lease.timings());
        } else {
            result = LostBranches.delete(connection, branch, run, progress);
        }
        if (agentPassFile && workspace != null) {
            try {
                AgentPassFile.in(workspace, branch).delete();
            } catch (IOException e) {
                progress.report("could not delete the password file of " + branch + " on the agent: " + e);
            }
        }
        DbBranchAction.of(run).tornDown(key, result);
        return result;
    }
}
