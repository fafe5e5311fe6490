package org.storeroom.gateway.internal.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import org.storeroom.gateway.api.AuditReport;
import org.storeroom.gateway.api.Migration;

/**
 * The audit log's table and its hash chain. Public so that the launcher's {@code audit verify} command can
 * check a data directory offline, with no gateway running.
 */
public final class AuditChain {
    static final String GENESIS = "0".repeat(64);

    static final List<Migration> SCHEMA = List.of(new Migration(1, "audit log", List.of(
            "CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, ts TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
                    + " target TEXT NOT NULL, detail TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL)",
            // The head is kept apart from the entries, so that cutting entries off the end is found too.
            "CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL)",
            "INSERT INTO audit_head(id, seq, hash) VALUES (1, 0, '" + "0".repeat(64) + "')")));

    private AuditChain() {
    }

    /** SHA-256 over the fields, each length-prefixed so that no two different entries read the same. */
    static String hash(long seq, String ts, String actor, String action, String target, String detail, String prev) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
        for (String field : new String[] {Long.toString(seq), ts, actor, action, target, detail, prev}) {
            byte[] b = field.getBytes(StandardCharsets.UTF_8);
            sha.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha.update(b);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Walks the whole log in seq order on {@code c} (one snapshot) and reports the first thing wrong. */
    public static AuditReport verify(Connection c) throws SQLException {
        long expected = 1;
        String prev = GENESIS;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq, ts, actor, action, target, detail, prev, hash FROM audit_log ORDER BY seq")) {
            while (rs.next()) {
                long seq = rs.getLong(1);
                if (seq != expected) {
                    return new AuditReport(false, expected - 1, prev, expected,
                            "entry " + expected + (seq > expected ? " is missing (deleted)" : " appears twice"));
                }
                if (!rs.getString(7).equals(prev)) {
                    return new AuditReport(false, expected - 1, prev, seq,
                            "entry " + seq + " does not follow entry " + (seq - 1) + " (an entry before it was changed, or the order was)");
                }
                String h = hash(seq, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), prev);
                if (!h.equals(rs.getString(8))) {
                    return new AuditReport(false, expected - 1, prev, seq, "entry " + seq + " was changed after it was written");
                }
                prev = h;
                expected++;
            }
        }
        long entries = expected - 1;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT seq, hash FROM audit_head WHERE id = 1")) {
            if (!rs.next()) {
                return new AuditReport(false, entries, prev, 0, "the log's head record is missing");
            }
            if (rs.getLong(1) != entries || !rs.getString(2).equals(prev)) {
                return new AuditReport(false, entries, prev, entries + 1,
                        "the log ends at entry " + entries + " but was last written at entry " + rs.getLong(1) + " (entries cut off the end)");
            }
        }
        return new AuditReport(true, entries, prev, 0, "");
    }
}
