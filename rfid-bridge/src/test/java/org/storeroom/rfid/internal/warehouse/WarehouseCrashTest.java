package org.storeroom.rfid.internal.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.gateway.api.IndexHash;
import org.storeroom.gateway.internal.audit.AuditChain;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.testing.Children;

/**
 * kill -9 in the middle of a catalogue import and of check-outs: after each, the warehouse, its
 * mirrored index, the loans and the audit chain agree, and the same import applied again completes it.
 */
class WarehouseCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Children children = new Children(Path.of("target", "warehouse-crash-children.log"));

    @AfterEach
    void killChildren() throws InterruptedException {
        children.close();
    }

    @Test
    // A kill point never printed must fail, not hang the build (a blocked read ignores interrupts).
    @org.junit.jupiter.api.Timeout(value = 180, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void theWarehouseAndItsIndexAgreeAfterEveryKill(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("g.db");
        String[] killAt = {"CHUNK 2000 of", "CHUNK 11000 of", "OP 30", "OP 75", "OP 120"};
        for (int round = 0; round < killAt.length; round++) {
            Process child = children.java(WarehouseLoad.class, db.toString(), Integer.toString(round));
            Children.awaitLine(child, killAt[round]);
            child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no clean close
            consistent(db, round >= 2);
        }
    }

    /** Every box and file as the index has it; the index's hash as its entries give it; loans as statuses say. */
    private static void consistent(Path db, boolean imported) throws Exception {
        SqliteStore store = SqliteStore.open(db, "NORMAL");
        try {
            store.read(c -> {
                Map<String, Map<?, ?>> index = new HashMap<>();
                IndexHash hash = IndexHash.empty();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT key, value FROM index_entry")) {
                    while (rs.next()) {
                        index.put(rs.getString(1), read(rs.getString(2)));
                        hash.add(rs.getString(1), rs.getString(2));
                    }
                }
                assertThat(hash.hex()).isEqualTo(scalar(c, "SELECT hash FROM index_meta"));
                assertThat((long) index.size()).isEqualTo(Long.parseLong(scalar(c, "SELECT entries FROM index_meta")));
                long boxes = 0;
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT archive_no, coalesce(epc, ''),"
                        + " coalesce(point, ''), status FROM wh_box")) {
                    while (rs.next()) {
                        boxes++;
                        assertThat(index.get("box:" + rs.getString(1))).as("box " + rs.getString(1))
                                .isEqualTo(Map.of("epc", rs.getString(2), "point", rs.getString(3), "status", rs.getString(4)));
                    }
                }
                long files = 0;
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT f.file_no, f.status,"
                        + " (SELECT count(*) FROM wh_loan l WHERE l.item = 'file:' || f.file_no AND l.back_ts IS NULL) FROM wh_file f")) {
                    while (rs.next()) {
                        files++;
                        assertThat(index.get("file:" + rs.getString(1)).get("status")).isEqualTo(rs.getString(2));
                        assertThat(rs.getString(2).equals("out")).as("file " + rs.getString(1) + " out exactly when on loan")
                                .isEqualTo(rs.getInt(3) == 1);
                    }
                }
                assertThat((long) index.size()).isEqualTo(boxes + files);
                if (imported) {
                    assertThat(boxes).isEqualTo(WarehouseLoad.BOXES);
                    assertThat(files).isEqualTo(WarehouseLoad.FILES);
                    assertThat(scalar(c, "SELECT count(*) FROM wh_box WHERE point IS NULL")).isEqualTo("0");
                }
                assertThat(AuditChain.verify(c).intact()).isTrue();
                return null;
            });
        } finally {
            store.close();
        }
    }

    private static Map<?, ?> read(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String scalar(Connection c, String sql) throws java.sql.SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
