package org.storeroom.gateway.internal.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storeroom.testing.Await.until;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeroom.testing.Children;
import org.storeroom.testing.Mosquitto;

/**
 * A gateway process under continuous load killed with SIGKILL at random moments, 100 times, against a
 * real Mosquitto: the database stays intact, every committed change's event reaches the central side,
 * each seq carries one content, and each topic's events arrive in order once repeats are dropped.
 */
class UplinkCrashTest {
    private static final int KILLS = 100;

    @TempDir
    Path dir;
    private final Children children = new Children(Path.of("target", "uplink-crash-children.log"));

    @org.junit.jupiter.api.AfterEach
    void killChildren() throws InterruptedException {
        children.close();
    }

    @Test
    void surviveHundredKillsLosingNothingCommitted() throws Exception {
        Path db = dir.resolve("gateway.db");
        Random random = new Random(20261123);
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             Subscriber central = new Subscriber(broker.url(), "central", false, "storeroom/v1/gjj/room-1/#")) {
            int committedRuns = 0;
            for (int i = 0; i < KILLS; i++) {
                Process child = start(db, broker.url(), false);
                // A random moment: now and then while the JVM starts or before the broker is reached, mostly
                // while the load is being published.
                int phase = random.nextInt(10);
                if (phase > 0) {
                    Children.awaitLine(child, phase == 1 ? "STARTED" : "uplink connected");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(400)));
                child.destroyForcibly();
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                if (Files.exists(db)) {
                    assertThat(integrity(db)).as("integrity after kill " + (i + 1)).isEqualTo("ok");
                    committedRuns++;
                }
            }
            assertThat(committedRuns).isGreaterThan(KILLS / 2);
            Map<Long, Long> committed = committedChanges(db);
            assertThat(committed.size()).as("changes committed under load").isGreaterThan(1000);

            Process drain = start(db, broker.url(), true);
            try {
                Children.awaitLine(drain, "uplink connected");
                until("the outbox drained", 60_000, () -> outboxRows(db) == 0);
                Set<Long> wanted = new HashSet<>(committed.values());
                until("every committed change's event at the central side", 30_000, () -> {
                    Set<Long> got = new HashSet<>();
                    for (JsonNode e : central.events()) {
                        got.add(e.get("seq").asLong());
                    }
                    return got.containsAll(wanted);
                });
            } finally {
                drain.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }

            List<Subscriber.Received> received = central.received();
            Map<Long, JsonNode> bySeq = new HashMap<>();
            Map<String, Long> lastOnTopic = new HashMap<>();
            int repeats = 0;
            for (Subscriber.Received r : received) {
                if (!r.topic().contains("/events/")) {
                    continue;
                }
                long seq = r.body().get("seq").asLong();
                JsonNode before = bySeq.putIfAbsent(seq, r.body());
                if (before != null) {
                    assertThat(r.body()).as("seq " + seq + " sent again with the same content").isEqualTo(before);
                    repeats++;
                    continue;
                }
                long last = lastOnTopic.getOrDefault(r.topic(), 0L);
                assertThat(seq).as("order on " + r.topic()).isGreaterThan(last);
                lastOnTopic.put(r.topic(), seq);
            }
            for (Map.Entry<Long, Long> c : committed.entrySet()) {
                JsonNode e = bySeq.get(c.getValue());
                assertThat(e).as("event of change " + c.getKey()).isNotNull();
                assertThat(e.get("data").get("change").asLong()).isEqualTo(c.getKey());
            }
            boolean lastWillSeen = received.stream().anyMatch(r -> r.topic().endsWith("/status")
                    && r.body().get("state").asText().equals("offline") && r.body().get("cause").asText().equals("connection lost"));
            assertThat(lastWillSeen).as("the broker announced a killed gateway offline").isTrue();
            Files.writeString(Path.of("target", "uplink-crash.txt"), "kills=" + KILLS + " committedChanges=" + committed.size()
                    + " eventsReceived=" + bySeq.size() + " repeats=" + repeats + "\n");
        }
    }

    private Process start(Path db, String broker, boolean drain) throws Exception {
        return drain ? children.java(OutboxLoad.class, db.toString(), broker, "--drain")
                : children.java(OutboxLoad.class, db.toString(), broker);
    }

    private static Connection connect(Path db) throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }

    private static String integrity(Path db) throws Exception {
        try (Connection c = connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Map<Long, Long> committedChanges(Path db) throws Exception {
        Map<Long, Long> out = new HashMap<>();
        try (Connection c = connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT n, seq FROM load_change")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static long outboxRows(Path db) {
        try (Connection c = connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM uplink_outbox")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
