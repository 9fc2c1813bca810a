package io.dbbranch.cli.options;

import io.dbbranch.cli.CliContext;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.review.ReviewOptions;
import io.dbbranch.engine.review.policy.Level;
import io.dbbranch.engine.review.policy.PolicyFile;
import io.dbbranch.engine.review.policy.PolicyOverrides;
import io.dbbranch.engine.review.policy.ReviewPolicy;
import io.dbbranch.engine.review.policy.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The review's policy on a command line. Sources are laid over the defaults lowest first: the policy file
 * ({@code --policy FILE}, else {@value PolicyFile#CONVENTIONAL_PATH} found from the working folder up to the
 * repository's root), then {@code --review-rule}, then {@code --allow}.
 */
public final class ReviewPolicyFlags {
    @Option(names = "--policy", paramLabel = "FILE",
            description = "The review policy file (default: " + PolicyFile.CONVENTIONAL_PATH + " in the working folder or a "
                    + "parent of it, up to the repository's root; else the built-in defaults).")
    Path policy;

    @Option(names = "--review-rule", paramLabel = "RULE=SETTING",
            description = "Set one rule for this run, over the policy file, as a policy file line would: rewrite=warn, "
                    + "'exclusiveLock=fail 2s', bigTable.bytes=50MB; repeatable.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--allow", paramLabel = "RULE",
            description = "Let this rule's findings through as warnings for this run (e.g. --allow destructive once the "
                    + "code no longer reads a dropped column); repeatable.")
    List<String> allowed = new ArrayList<>();

    @Option(names = "--lock-sample-interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10ms",
            description = "How often pg_locks is sampled; lock times are accurate to about this much (1ms to 1s, default ${DEFAULT-VALUE}).")
    Duration lockSampleInterval;

    /**
     * The review options these flags describe.
     *
     * @param note told which policy file was read
     */
    public ReviewOptions toOptions(CliContext context, Consumer<String> note) {
        ReviewPolicy merged = ReviewPolicy.defaults();
        Optional<Path> file = policyFile(context);
        if (file.isPresent()) {
            note.accept("review policy: " + file.get());
            merged = merged.with(PolicyFile.read(file.get()));
        }
        merged = merged.with(PolicyFile.parseEntries(rules, "--review-rule"));
        PolicyOverrides allow = PolicyOverrides.from("--allow");
        for (String key : allowed) {
            Rule rule = Rule.byKey(key).orElseThrow(() -> DbBranchException.of(ErrorCode.INVALID_REQUEST, "Allow rule '" + key + "'",
                    "there is no such rule", "Use one of " + Rule.keys()));
            allow = allow.level(rule, Level.WARN);
        }
        if (lockSampleInterval.toMillis() < 1 || lockSampleInterval.toMillis() > 1000) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Sample locks every " + lockSampleInterval.toMillis() + " ms",
                    "the interval is out of range", "Give --lock-sample-interval from 1ms to 1s");
        }
        return ReviewOptions.defaults().withPolicy(merged.with(allow)).withLockSampleInterval(lockSampleInterval);
    }

    /** {@code --policy}, else the conventional file in the working folder or the nearest parent up to the repository root. */
    private Optional<Path> policyFile(CliContext context) {
        if (policy != null) {
            return Optional.of(context.resolve(policy));
        }
        for (Path folder = context.workingDirectory(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve(PolicyFile.CONVENTIONAL_PATH);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
            if (Files.exists(folder.resolve(".git"))) {
                break; // the repository's root: a policy above it belongs to someone else
            }
        }
        return Optional.empty();
    }
}
