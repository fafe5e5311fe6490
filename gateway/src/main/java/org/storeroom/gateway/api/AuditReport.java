package org.storeroom.gateway.api;

/**
 * What verifying the audit log found.
 *
 * @param intact   every entry is where it was written, unchanged, none missing
 * @param entries  entries checked
 * @param lastHash the hash of the last entry, to compare with the central service's copy
 * @param firstBad the first entry found wrong, or 0 when intact
 * @param problem  what is wrong with it, in words, or empty when intact
 */
public record AuditReport(boolean intact, long entries, String lastHash, long firstBad, String problem) {
}
