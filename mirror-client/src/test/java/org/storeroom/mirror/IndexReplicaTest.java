package org.storeroom.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.storeroom.gateway.api.IndexChange;
import org.storeroom.gateway.internal.index.IndexLog;
import org.storeroom.gateway.internal.store.SqliteStore;
import org.storeroom.gateway.internal.uplink.UplinkComponent;

/**
 * The replica fed the real gateway's index messages (read from its outbox) with random losses, repeats
 * and reorderings: whenever it knows of no gap, it holds exactly the gateway's index at its version; and
 * a resync always brings it to the gateway's latest.
 */
class IndexReplicaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Message(String topic, JsonNode body) { }

    /** Takes the index messages recorded after {@code after[0]} off the outbox, as the uplink does once sent. */
    private static List<Message> drain(SqliteStore store, long[] after) throws Exception {
        return store.write(c -> {
            List<Message> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT seq, topic, payload FROM uplink_outbox WHERE seq > " + after[0] + " AND topic LIKE 'index/%' ORDER BY seq")) {
                while (rs.next()) {
                    after[0] = rs.getLong(1);
                    try {
                        out.add(new Message(rs.getString(2), JSON.readTree(rs.getBytes(3))));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM uplink_outbox WHERE seq <= " + after[0] + " AND topic LIKE 'index/%'");
            }
            return out;
        });
    }

    @Property(tries = 40)
    void convergesOnTheGatewaysIndexDespiteLossRepeatsAndReordering(@ForAll @IntRange(min = 1, max = 1_000_000) int seed)
            throws Exception {
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("replica");
        SqliteStore store = SqliteStore.open(dir.resolve("g.db"), "NORMAL");
        UplinkComponent outbox = UplinkComponent.open(store, "", "gjj", "room-1", 64);
        try {
            IndexLog index = new IndexLog(store, outbox);
            IndexReplica replica = new IndexReplica();
            long[] cursor = {0};
            Map<Long, String> hashAt = new java.util.HashMap<>(Map.of(0L, index.state().hash()));
            for (int round = 0; round < 60; round++) {
                int n = 1 + random.nextInt(4);
                List<IndexChange> changes = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    String key = "box:" + random.nextInt(40);
                    changes.add(random.nextInt(4) == 0 ? IndexChange.remove(key)
                            : IndexChange.put(key, Map.of("point", "C0" + random.nextInt(9) + "-A-B01-L1-S0" + random.nextInt(9),
                                    "files", List.of(random.nextInt(100), random.nextInt(100)), "name", "档案 \"" + k + "\"")));
                }
                store.write(c -> index.change(c, changes));
                hashAt.put(index.state().version(), index.state().hash());
                if (replica.wantsResync() && random.nextInt(3) == 0) {
                    index.handle("r-" + round, Map.of("partSize", 100 + random.nextInt(3)));
                }
                List<Message> batch = drain(store, cursor);
                if (random.nextBoolean()) {
                    Collections.shuffle(batch, random);
                }
                for (Message m : batch) {
                    int fate = random.nextInt(10);
                    if (fate == 0) {
                        continue; // lost
                    }
                    feed(replica, m);
                    if (fate == 1) {
                        feed(replica, m); // repeated
                    }
                }
                if (!replica.wantsResync()) {
                    // No known gap: what it holds is exactly the gateway's index at some version (it cannot
                    // know of a lost last delta until the next one arrives).
                    assertThat(replica.hash()).as("hash at version " + replica.version()).isEqualTo(hashAt.get(replica.version()));
                }
            }
            // Whatever happened, one complete resync brings the replica to the gateway's index.
            index.handle("final", Map.of());
            drain(store, cursor).forEach(m -> feed(replica, m));
            assertThat(replica.wantsResync()).isFalse();
            assertThat(replica.hash()).isEqualTo(index.state().hash());
            assertThat(replica.version()).isEqualTo(index.state().version());
        } finally {
            outbox.close();
            store.close();
        }
    }

    /** One transaction of 1,234 changes goes out as consecutive deltas small enough for any broker. */
    @org.junit.jupiter.api.Test
    void aLargeChangeTravelsAsSeveralBoundedDeltas() throws Exception {
        Path dir = Files.createTempDirectory("replica");
        SqliteStore store = SqliteStore.open(dir.resolve("g.db"), "NORMAL");
        UplinkComponent outbox = UplinkComponent.open(store, "", "gjj", "room-1", 64);
        try {
            IndexLog index = new IndexLog(store, outbox);
            List<IndexChange> changes = new ArrayList<>();
            for (int i = 0; i < 1234; i++) {
                changes.add(IndexChange.put("file:" + i, Map.of("title", "个人住房公积金贷款 ".repeat(i % 7 == 0 ? 40 : 1))));
            }
            IndexReplica replica = new IndexReplica();
            long[] cursor = {0};
            index.handle("start", Map.of()); // a new mirror starts from a snapshot (of the empty index)
            drain(store, cursor).forEach(m -> feed(replica, m));
            assertThat(replica.wantsResync()).isFalse();
            long version = store.write(c -> index.change(c, changes));
            List<Message> sent = drain(store, cursor);
            assertThat(sent.size()).isGreaterThanOrEqualTo(3);
            assertThat(version).isEqualTo(sent.size());
            for (Message m : sent) {
                assertThat(m.body().get("changes").size()).isBetween(1, 500);
                assertThat(JSON.writeValueAsBytes(m.body()).length).isLessThan(300_000);
                feed(replica, m);
            }
            assertThat(replica.wantsResync()).isFalse();
            assertThat(replica.hash()).isEqualTo(index.state().hash());
            assertThat(index.state().entries()).isEqualTo(1234);
        } finally {
            outbox.close();
            store.close();
        }
    }

    /**
     * Asked again before the first snapshot left, the gateway queues no second copy (a big index takes longer
     * to send than a mirror waits); once it has gone out, or when the index moved on, a new one is queued.
     */
    @org.junit.jupiter.api.Test
    void aResyncAskedAgainWhileTheSnapshotWaitsQueuesNoSecondCopy() throws Exception {
        Path dir = Files.createTempDirectory("replica");
        SqliteStore store = SqliteStore.open(dir.resolve("g.db"), "NORMAL");
        UplinkComponent outbox = UplinkComponent.open(store, "", "gjj", "room-1", 64);
        try {
            IndexLog index = new IndexLog(store, outbox);
            List<IndexChange> changes = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                changes.add(IndexChange.put("box:" + i, Map.of("point", "C01-A-B01-L1-S" + i)));
            }
            store.write(c -> index.change(c, changes));
            long[] cursor = {0};
            drain(store, cursor);
            assertThat(index.handle("first", Map.of("partSize", 100)).data()).containsEntry("parts", 3).doesNotContainKey("alreadyQueued");
            assertThat(index.handle("again", Map.of("partSize", 100)).data()).containsEntry("alreadyQueued", true).containsEntry("parts", 3);
            assertThat(index.handle("other size", Map.of("partSize", 200)).data()).as("a different part size is another snapshot")
                    .doesNotContainKey("alreadyQueued");
            List<Message> sent = drain(store, cursor);
            assertThat(sent).extracting(Message::topic).containsOnly("index/snapshot");
            assertThat(sent).hasSize(3 + 2);
            // Gone out: a mirror asking now may have missed it, so it gets a fresh copy.
            assertThat(index.handle("after sending", Map.of("partSize", 100)).data()).doesNotContainKey("alreadyQueued");
            assertThat(drain(store, cursor)).hasSize(3);
            // Still waiting, but the index has moved on: the new version is queued.
            index.handle("waiting", Map.of("partSize", 100));
            store.write(c -> index.change(c, List.of(IndexChange.remove("box:0"))));
            assertThat(index.handle("newer", Map.of("partSize", 100)).data()).doesNotContainKey("alreadyQueued")
                    .containsEntry("version", index.state().version());
            IndexReplica replica = new IndexReplica();
            drain(store, cursor).forEach(m -> feed(replica, m));
            assertThat(replica.hash()).isEqualTo(index.state().hash());
        } finally {
            outbox.close();
            store.close();
        }
    }

    /**
     * After messages may have been missed (a reconnect, a drop), the replica wants a snapshot until a delta
     * that follows what it holds, or a snapshot (of the same version too), shows nothing is missing.
     */
    @org.junit.jupiter.api.Test
    void afterMessagesMayHaveBeenMissedItWantsASnapshotOrADeltaThatFollows() throws Exception {
        Path dir = Files.createTempDirectory("replica");
        SqliteStore store = SqliteStore.open(dir.resolve("g.db"), "NORMAL");
        UplinkComponent outbox = UplinkComponent.open(store, "", "gjj", "room-1", 64);
        try {
            IndexLog index = new IndexLog(store, outbox);
            IndexReplica replica = new IndexReplica();
            long[] cursor = {0};
            index.handle("start", Map.of());
            store.write(c -> index.change(c, List.of(IndexChange.put("box:1", Map.of("point", "C1-A-B01")))));
            drain(store, cursor).forEach(m -> feed(replica, m));
            assertThat(replica.wantsResync()).isFalse();

            replica.mayHaveMissed();
            assertThat(replica.wantsResync()).isTrue();
            store.write(c -> index.change(c, List.of(IndexChange.put("box:2", Map.of("point", "C2-A-B01")))));
            drain(store, cursor).forEach(m -> feed(replica, m));
            assertThat(replica.wantsResync()).as("a delta following the version held").isFalse();

            replica.mayHaveMissed();
            index.handle("same version", Map.of());
            drain(store, cursor).forEach(m -> feed(replica, m));
            assertThat(replica.wantsResync()).as("a snapshot of the version held").isFalse();
            assertThat(replica.hash()).isEqualTo(index.state().hash());

            replica.mayHaveMissed();
            store.write(c -> index.change(c, List.of(IndexChange.remove("box:1"))));
            drain(store, cursor); // missed
            drain(store, cursor).forEach(m -> feed(replica, m)); // nothing more: only the flag tells
            assertThat(replica.wantsResync()).isTrue();
            index.handle("resync", Map.of());
            drain(store, cursor).forEach(m -> feed(replica, m));
            assertThat(replica.wantsResync()).isFalse();
            assertThat(replica.version()).isEqualTo(index.state().version());
            assertThat(replica.hash()).isEqualTo(index.state().hash());
            assertThat(replica.gaps()).as("no gap was seen").isZero();
        } finally {
            outbox.close();
            store.close();
        }
    }

    private static void feed(IndexReplica r, Message m) {
        if (m.topic().equals("index/delta")) {
            r.delta(m.body());
        } else {
            r.snapshot(m.body());
        }
    }
}
