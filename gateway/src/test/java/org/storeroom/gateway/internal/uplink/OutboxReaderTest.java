package org.storeroom.gateway.internal.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.storeroom.gateway.internal.uplink.OutboxTable.Pending;

/**
 * The publisher's reading of the outbox against a model of the table: whatever the interleaving of
 * commits (some rolled back, some racing a read of the table), overflows of the hand-off, reads,
 * acknowledgements and reconnects, each connection sends every unacknowledged message exactly once, in
 * seq order, and the very message that was committed.
 */
class OutboxReaderTest {

    /** The outbox table and the store's writer, as the reader sees them. */
    private static final class Room implements OutboxReader.Table {
        final TreeMap<Long, Pending> table = new TreeMap<>();
        final Handoff handoff;
        final Random random;
        /** Whether commits race the reads of the table. */
        boolean racing;
        long seq;
        int reads;

        Room(Handoff handoff, Random random, boolean racing) {
            this.handoff = handoff;
            this.random = random;
            this.racing = racing;
        }

        /** A transaction of {@code n} messages, committed (each handed off after the commit) or rolled back. */
        void transaction(int n, boolean commit) {
            List<Pending> ps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                seq++;
                ps.add(new Pending(seq, "events/motion", new byte[1 + random.nextInt(40)]));
            }
            if (commit) {
                ps.forEach(p -> table.put(p.seq(), p));
                ps.forEach(handoff::add);
            }
        }

        @Override
        public List<Pending> between(long after, long before, int limit) {
            reads++;
            if (racing && random.nextInt(3) == 0) {
                transaction(1 + random.nextInt(4), true); // committed before the read's snapshot
            }
            // As SQL's "seq > after AND seq < before": nothing when the hand-off starts at or before the cursor.
            List<Pending> out = after >= before ? new ArrayList<>() : new ArrayList<>(table.subMap(after, false, before, false).values());
            out = new ArrayList<>(out.subList(0, Math.min(limit, out.size())));
            if (racing && random.nextInt(3) == 0) {
                transaction(1 + random.nextInt(4), true); // committed while the read was under way, after its snapshot
            }
            return out;
        }
    }

    @Property(tries = 2000)
    void eachConnectionSendsEveryUnacknowledgedMessageOnceInOrder(@ForAll long seed,
                                                                    @ForAll @IntRange(min = 1, max = 12) int handoffMessages,
                                                                    @ForAll @IntRange(min = 1, max = 9) int readLimit) throws Exception {
        Random random = new Random(seed);
        Room room = new Room(new Handoff(handoffMessages, 20L * handoffMessages), random, true);
        OutboxReader reader = new OutboxReader(room.handoff, room);
        List<Pending> sent = new ArrayList<>(); // on this connection, not yet acknowledged
        long lastSent = 0;
        for (int step = 0; step < 300; step++) {
            int what = random.nextInt(10);
            if (what < 4) {
                room.transaction(1 + random.nextInt(6), random.nextInt(8) != 0);
            } else if (what < 8) {
                ArrayDeque<Pending> ahead = new ArrayDeque<>();
                reader.next(ahead, readLimit);
                assertThat(ahead.size()).isLessThanOrEqualTo(readLimit);
                for (Pending p : ahead) {
                    assertThat(p.seq()).as("sent in order, once").isGreaterThan(lastSent);
                    assertThat(room.table.subMap(lastSent, false, p.seq(), false)).as("nothing skipped before " + p.seq()).isEmpty();
                    assertThat(p).as("the committed message").isSameAs(room.table.get(p.seq()));
                    lastSent = p.seq();
                    sent.add(p);
                }
            } else if (what < 9 && !sent.isEmpty()) {
                int n = 1 + random.nextInt(sent.size()); // the broker acknowledges the oldest, as it does in order
                sent.subList(0, n).forEach(p -> room.table.remove(p.seq()));
                sent.subList(0, n).clear();
            } else {
                sent.clear(); // a new connection: what was not acknowledged is sent again
                lastSent = 0;
                reader.restart();
            }
        }
        // Drained, the room quiet: everything still in the table has been sent on this connection.
        room.racing = false;
        for (int i = 0; i < room.table.size() + 2; i++) {
            ArrayDeque<Pending> ahead = new ArrayDeque<>();
            reader.next(ahead, readLimit);
            for (Pending p : ahead) {
                assertThat(p.seq()).isGreaterThan(lastSent);
                assertThat(room.table.subMap(lastSent, false, p.seq(), false)).isEmpty();
                lastSent = p.seq();
            }
        }
        assertThat(room.table.tailMap(lastSent, false)).as("left unsent").isEmpty();
    }

    @Test
    void aCaughtUpPublisherTakesNewCommitsFromMemoryAndALaggingOneTheOldestRunOfEachBurst() throws Exception {
        Room room = new Room(new Handoff(100, 1 << 20), new Random(1), false);
        OutboxReader reader = new OutboxReader(room.handoff, room);
        ArrayDeque<Pending> ahead = new ArrayDeque<>();
        reader.next(ahead, 50); // nothing yet: one read of the table
        assertThat(room.reads).isEqualTo(1);
        room.transaction(40, true);
        reader.next(ahead, 50);
        assertThat(ahead).hasSize(40);
        assertThat(room.reads).as("taken from memory").isEqualTo(1);

        ahead.clear();
        room.transaction(250, true); // a burst: the first 100 are held in memory, the rest only in the table
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            reader.next(ahead, 50);
            ahead.forEach(p -> order.add(p.seq()));
            ahead.clear();
        }
        assertThat(order).hasSize(250);
        for (int i = 0; i < order.size(); i++) {
            assertThat(order.get(i)).isEqualTo(41L + i);
        }
        // 100 from memory in 2 takes; 150 from the table: 3 reads of 50 and the short one that ends them.
        assertThat(room.reads).isEqualTo(1 + 4);
    }
}
