package io.dbbranch.engine.spi;

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
}
