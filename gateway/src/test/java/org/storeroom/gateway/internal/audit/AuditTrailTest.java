package org.storeroom.gateway.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.gateway.api.AuditEntry;
import org.storeroom.gateway.api.AuditReport;
import org.storeroom.gateway.api.Outbox;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.gateway.internal.uplink.TestOutboxes;

class AuditTrailTest {
    private static final int ENTRIES = 40;
    @TempDir
    Path dir;
    private SqliteStore store;
    private Outbox outbox;
    private AuditTrail audit;

    @BeforeEach
    void open() throws Exception {
        store = SqliteStore.open(dir.resolve("gateway.db"), "NORMAL");
        outbox = TestOutboxes.open(store);
        audit = new AuditTrail(store, outbox, Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC));
        for (int i = 1; i <= ENTRIES; i++) {
            int n = i;
            store.write(c -> audit.append(c, "user:li.wei", "file.checkout", "file 2019-0345-" + n,
                    Map.of("to", "loan office", "dueDays", n)));
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Tampers inside a transaction, verifies what the tampered log looks like, then rolls the tampering back. */
    private AuditReport tampered(String... statements) throws StoreException {
        AuditReport[] seen = new AuditReport[1];
        assertThatThrownBy(() -> store.write(c -> {
            try (Statement st = c.createStatement()) {
                for (String s : statements) {
                    st.executeUpdate(s);
                }
            }
            seen[0] = AuditChain.verify(c);
            throw new SQLException("roll the tampering back");
        })).isInstanceOf(StoreException.class);
        return seen[0];
    }

    @Test
    void anUntouchedLogVerifies() throws Exception {
        AuditReport r = audit.verify();
        assertThat(r.intact()).as(r.problem()).isTrue();
        assertThat(r.entries()).isEqualTo(ENTRIES);
        List<AuditEntry> recent = audit.recent(2);
        assertThat(recent).extracting(AuditEntry::seq).containsExactly((long) ENTRIES, ENTRIES - 1L);
        assertThat(r.lastHash()).isEqualTo(recent.get(0).hash());
        assertThat(recent.get(0).prev()).isEqualTo(recent.get(1).hash());
        assertThat(recent.get(0).detail()).isEqualTo("{\"dueDays\":40,\"to\":\"loan office\"}");
    }

    @Test
    void everyEntryIsAlsoAnAuditEventInTheSameTransaction() throws Exception {
        long events = store.read(c -> count(c, "SELECT count(*) FROM uplink_outbox WHERE topic = 'events/audit'"));
        assertThat(events).isEqualTo(ENTRIES);
        assertThatThrownBy(() -> store.write(c -> {
            audit.append(c, "user:li.wei", "file.return", "file 1", Map.of());
            throw new SQLException("the return itself failed");
        })).isInstanceOf(StoreException.class);
        assertThat(audit.verify().entries()).as("no entry for an operation that did not happen").isEqualTo(ENTRIES);
        assertThat((long) store.read(c -> count(c, "SELECT count(*) FROM uplink_outbox WHERE topic = 'events/audit'"))).isEqualTo(ENTRIES);
    }

    @Test
    void anEditIsFoundAtTheEntryEdited() throws Exception {
        AuditReport r = tampered("UPDATE audit_log SET actor = 'user:someone.else' WHERE seq = 7");
        assertThat(r.intact()).isFalse();
        assertThat(r.firstBad()).isEqualTo(7);
        assertThat(r.problem()).isEqualTo("entry 7 was changed after it was written");
    }

    @Test
    void anEditWithARecomputedHashIsFoundAtTheNextEntry() throws Exception {
        // Whoever edits entry 7 and fixes its hash still breaks the link from entry 8.
        AuditEntry e = audit.recent(ENTRIES).get(ENTRIES - 7);
        String forged = AuditChain.hash(7, e.ts(), "user:someone.else", e.action(), e.target(), e.detail(), e.prev());
        AuditReport r = tampered("UPDATE audit_log SET actor = 'user:someone.else', hash = '" + forged + "' WHERE seq = 7");
        assertThat(r.firstBad()).isEqualTo(8);
        assertThat(r.problem()).contains("entry 8 does not follow entry 7");
    }

    @Test
    void aDeletionIsFound() throws Exception {
        AuditReport r = tampered("DELETE FROM audit_log WHERE seq = 12");
        assertThat(r.intact()).isFalse();
        assertThat(r.problem()).isEqualTo("entry 12 is missing (deleted)");
    }

    @Test
    void entriesCutOffTheEndAreFound() throws Exception {
        AuditReport r = tampered("DELETE FROM audit_log WHERE seq > 35");
        assertThat(r.intact()).isFalse();
        assertThat(r.problem()).contains("ends at entry 35 but was last written at entry 40");
    }

    @Test
    void aReorderingIsFound() throws Exception {
        AuditReport r = tampered("UPDATE audit_log SET seq = -1 WHERE seq = 20", "UPDATE audit_log SET seq = 20 WHERE seq = 21",
                "UPDATE audit_log SET seq = 21 WHERE seq = -1");
        assertThat(r.intact()).isFalse();
        assertThat(r.firstBad()).isEqualTo(20);
    }

    @Test
    void anyRandomTamperingIsFound() throws Exception {
        Random random = new Random(7);
        String[] columns = {"ts", "actor", "action", "target", "detail", "prev", "hash"};
        for (int trial = 0; trial < 200; trial++) {
            int seq = 1 + random.nextInt(ENTRIES);
            String statement = switch (random.nextInt(4)) {
                case 0 -> "UPDATE audit_log SET " + columns[random.nextInt(columns.length)] + " = "
                        + columns[random.nextInt(columns.length)] + " || 'x' WHERE seq = " + seq;
                case 1 -> "DELETE FROM audit_log WHERE seq = " + seq;
                case 2 -> "DELETE FROM audit_log WHERE seq >= " + seq;
                default -> "UPDATE audit_log SET detail = (SELECT detail FROM audit_log WHERE seq = " + (seq % ENTRIES + 1)
                        + ") || ' ' WHERE seq = " + seq;
            };
            assertThat(tampered(statement).intact()).as(statement).isFalse();
        }
    }

    @Test
    void badEntriesAreRefusedByName() {
        assertThatThrownBy(() -> store.write(c -> audit.append(c, "", "aisle.open", "range A aisle 3", Map.of())))
                .rootCause().hasMessageContaining("audit actor ''");
        assertThatThrownBy(() -> store.write(c -> audit.append(c, "user:a", "Open Aisle!", "range A aisle 3", Map.of())))
                .rootCause().hasMessageContaining("audit action 'Open Aisle!'");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
