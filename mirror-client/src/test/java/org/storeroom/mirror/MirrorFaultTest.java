package org.storeroom.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.testing.Await.until;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.gateway.api.IndexChange;
import org.storeroom.gateway.internal.index.IndexLog;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.gateway.internal.uplink.UplinkComponent;
import org.storeroom.testing.Children;
import org.storeroom.testing.Mosquitto;

/**
 * The reference mirror against a gateway process changing its index at random, through a real
 * Mosquitto, while the gateway is killed (SIGKILL), the broker restarted and a delta lost outright: the
 * mirror finds the gaps, asks for resyncs, and ends with the gateway's exact hash.
 */
class MirrorFaultTest {
    @TempDir
    Path dir;
    private final Children children = new Children(Path.of("target", "mirror-fault-children.log"));

    @org.junit.jupiter.api.AfterEach
    void killChildren() throws InterruptedException {
        children.close();
    }

    @Test
    void theMirrorEndsEqualToTheGatewayAfterKillsRestartsAndALostDelta() throws Exception {
        Path db = dir.resolve("gateway.db");
        Random random = new Random(20261123);
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             MirrorClient mirror = new MirrorClient(broker.url(), "gjj", "room-1", 500, r -> { })) {
            for (int i = 0; i < 20; i++) {
                Process child = start(db, broker.url(), Integer.toString(i), false);
                Children.awaitLine(child, "uplink connected");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100 + random.nextInt(500)));
                if (i % 5 == 2) {
                    broker.stop(); // the mirror and the gateway both lose the broker; what was in flight is gone
                    broker.start();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200 + random.nextInt(300)));
                }
                child.destroyForcibly();
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                if (i == 10) {
                    loseADelta(db);
                }
            }
            Process drain = start(db, broker.url(), "0", true);
            try {
                Children.awaitLine(drain, "uplink connected");
                String[] gateway = new String[1];
                until("the mirror equal to the gateway", 60_000, () -> {
                    gateway[0] = indexState(db);
                    MirrorClient.Status s = mirror.status();
                    return s.synced() && (s.version() + " " + s.hash()).equals(gateway[0]);
                });
            } finally {
                drain.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            MirrorClient.Status s = mirror.status();
            assertThat(s.gaps()).as("gaps found (the lost delta at least)").isPositive();
            assertThat(s.resyncs()).isPositive();
            assertThat(s.entries()).isPositive();
            java.nio.file.Files.writeString(Path.of("target", "mirror-fault.txt"), "version=" + s.version() + " entries="
                    + s.entries() + " gaps=" + s.gaps() + " resyncs=" + s.resyncs() + " hash=" + s.hash() + "\n");
        }
    }

    /** With the gateway down: one more index change whose delta then vanishes from the outbox unsent. */
    private static void loseADelta(Path db) throws Exception {
        SqliteStore store = SqliteStore.open(db, "NORMAL");
        UplinkComponent outbox = UplinkComponent.open(store, "", "gjj", "room-1", 64);
        try {
            IndexLog index = new IndexLog(store, outbox);
            long version = store.write(c -> index.change(c, List.of(IndexChange.put("box:lost", Map.of("point", "C1-A-B01")))));
            int deleted = store.write(c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate("DELETE FROM uplink_outbox WHERE topic = 'index/delta' AND payload LIKE '{\"version\":" + version + ",%'");
                }
            });
            assertThat(deleted).isEqualTo(1);
        } finally {
            outbox.close();
            store.close();
        }
    }

    private static String indexState(Path db) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, hash FROM index_meta")) {
            rs.next();
            return rs.getLong(1) + " " + rs.getString(2);
        } catch (Exception e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private Process start(Path db, String broker, String seed, boolean drain) throws Exception {
        return drain ? children.java(IndexLoad.class, db.toString(), broker, seed, "--drain")
                : children.java(IndexLoad.class, db.toString(), broker, seed);
    }
}
