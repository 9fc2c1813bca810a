package io.dbbranch.engine.migration;

/**
 * Where a parent's schema history stops being a prefix of the checkout's migrations: someone migrated the
 * parent with other code, or an applied script was edited since.
 *
 * @param version          the version where the two part
 * @param parentScript     the script the parent applied at that version, {@code null} if none
 * @param parentChecksum   its recorded checksum
 * @param checkoutScript   the checkout's script at that version, {@code null} if none
 * @param checkoutChecksum its checksum
 * @param reason           what is wrong, in a sentence
 */
public record HistoryDivergence(String version, String parentScript, Integer parentChecksum, String checkoutScript,
                                Integer checkoutChecksum, String reason) {
}
