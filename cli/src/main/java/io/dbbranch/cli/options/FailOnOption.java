package io.dbbranch.cli.options;

import io.dbbranch.engine.review.Verdict;
import picocli.CommandLine.Option;

/** {@code --fail-on fail|warn}: which review verdict stops the command. */
public final class FailOnOption {
    /** The verdicts that stop a command. */
    public enum Threshold { fail, warn }

    @Option(names = "--fail-on", paramLabel = "VERDICT", defaultValue = "fail",
            description = "fail (default): only a FAIL verdict stops the command (exit 16); warn: a WARN verdict stops it too (exit 17).")
    Threshold threshold;

    /** Whether {@code verdict} stops the command. */
    public boolean stops(Verdict verdict) {
        return verdict == Verdict.FAIL || verdict == Verdict.WARN && threshold == Threshold.warn;
    }
}
