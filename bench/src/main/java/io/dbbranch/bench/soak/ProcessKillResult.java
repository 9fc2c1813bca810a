package io.dbbranch.bench.soak;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the process-kill run found.
 *
 * @param openedBeforeKill leases the child had opened when it was killed
 * @param leftByKill       the run's branches the service held right after the kill
 * @param reapPasses       reaper passes made until nothing was left (at most three)
 * @param reaped           branches the reaper deleted
 * @param reapFailures     deletions that failed (and were retried at the next pass)
 * @param leftovers        the run's branches the service still held after the reaper
 * @param duplicates       names the service held under more than one id, at any look
 * @param killToCleanMs    from the kill to the end of the last reaper pass (includes waiting for the expiry)
 */
record ProcessKillResult(int openedBeforeKill, List<String> leftByKill, int reapPasses, int reaped, int reapFailures,
                         List<String> leftovers, Map<String, Set<String>> duplicates, double killToCleanMs) {
}
