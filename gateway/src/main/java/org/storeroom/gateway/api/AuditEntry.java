package org.storeroom.gateway.api;

/**
 * One audit entry.
 *
 * @param seq    position in the log, from 1 without gaps
 * @param ts     when, ISO-8601 UTC
 * @param detail a JSON object
 * @param prev   the previous entry's hash (64 zeros for the first)
 * @param hash   SHA-256 of this entry's fields and {@code prev}, lower-case hex
 */
public record AuditEntry(long seq, String ts, String actor, String action, String target, String detail, String prev,
                         String hash) {
}
