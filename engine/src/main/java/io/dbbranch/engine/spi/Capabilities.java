package io.dbbranch.engine.spi;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.DurationText;
import io.dbbranch.engine.ErrorCode;
import java.time.Duration;

/**
 * What a provider can do. Front ends check these before asking, so that an unsupported request fails
 * with a clear message before anything is created.
 *
 * @param pointInTime       branches can start from a past moment or LSN
 * @param nativeExpiry      the provider deletes expired branches by itself (otherwise the reaper does)
 * @param replaceRestore    a branch can be restored in place, keeping its previous state under another name
 * @param maxNameLength     the longest branch name accepted
 * @param minCredentialTtl  the shortest credential lifetime the provider accepts
 * @param maxCredentialTtl  the longest credential lifetime the provider accepts
 * @param maxBranchTtl      the furthest a branch expiry may be set ahead
 */
public record Capabilities(
        boolean pointInTime,
        boolean nativeExpiry,
        boolean replaceRestore,
        int maxNameLength,
        Duration minCredentialTtl,
        Duration maxCredentialTtl,
        Duration maxBranchTtl) {

    /**
     * Refuses a branch lifetime (a {@code --ttl}, a {@code keepFor}, a lease's expiry window) beyond
     * {@link #maxBranchTtl}: one rule for every front end, so a kept branch cannot outlive what a created one may.
     *
     * @param option how the caller's user wrote it, e.g. {@code keepFor}
     * @throws DbBranchException {@code INVALID_REQUEST} when {@code lifetime} is longer
     */
    public void requireBranchLifetime(Duration lifetime, String asked, String option) {
        if (lifetime.compareTo(maxBranchTtl) > 0) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked + " with " + option + " " + DurationText.format(lifetime),
                    "this provider keeps branches at most " + DurationText.format(maxBranchTtl),
                    "Choose a shorter " + option);
        }
    }
}
