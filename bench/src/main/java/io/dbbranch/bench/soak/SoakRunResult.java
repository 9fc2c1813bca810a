package io.dbbranch.bench.soak;

import io.dbbranch.bench.report.Samples;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one in-process soak run found.
 *
 * @param prefix       the name prefix of its branches
 * @param elapsedMs    wall time of the whole run
 * @param outcomes     every lease's ending
 * @param leaked       branches of the run the service still held after every lease had ended
 * @param duplicates   names the service held under more than one id, at any look
 * @param branchesSeen distinct branches the service held at any look
 * @param peakBranches the most of them alive at one look
 */
record SoakRunResult(String prefix, double elapsedMs, List<LeaseOutcome> outcomes, List<String> leaked,
                     Map<String, Set<String>> duplicates, int branchesSeen, int peakBranches) {

    long count(LeaseOutcome.Result result) {
        return outcomes.stream().filter(o -> o.result() == result).count();
    }

    long killed() {
        return outcomes.stream().filter(LeaseOutcome::killed).count();
    }

    long killsLanded(String phase) {
        return outcomes.stream().filter(o -> phase.equals(o.killLanded())).count();
    }

    /** Time to an open lease, over the leases that were not killed and opened. */
    Samples openTimes() {
        Samples samples = new Samples();
        outcomes.stream().filter(o -> !o.killed() && o.openMs() >= 0).forEach(o -> samples.addMillis(o.openMs()));
        return samples;
    }

    /** Leaked branches whose lease did not say "may have left branch X behind": leaks nobody would know of. */
    List<String> silentlyLeaked() {
        Set<String> said = outcomes.stream().filter(LeaseOutcome::saidLeftBehind).map(LeaseOutcome::name)
                .collect(Collectors.toSet());
        return leaked.stream().filter(name -> !said.contains(name)).toList();
    }

    /** How many leases said "may have left branch X behind", in their opening or teardown. */
    long saidLeftBehind() {
        return outcomes.stream().filter(LeaseOutcome::saidLeftBehind).count();
    }

    /** The leases that were not killed yet failed (or may have left their branch). */
    List<LeaseOutcome> unexpectedFailures() {
        return outcomes.stream().filter(o -> !o.killed() && o.result() != LeaseOutcome.Result.COMPLETED).toList();
    }
}
