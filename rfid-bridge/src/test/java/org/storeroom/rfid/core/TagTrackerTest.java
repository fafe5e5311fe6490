package org.storeroom.rfid.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.storeroom.rfid.api.Epc;

class TagTrackerTest {
    private static final Epc BOX = new Epc("E28011600000000000000001");

    @Test
    void arrivesMovesOnAClearlyStrongerAntennaAndDeparts() {
        TagTracker t = new TagTracker(TagTracker.Settings.DEFAULT);
        assertThat(t.read(BOX, "C07-A", -50, 0).kind()).isEqualTo(TagTracker.Event.Kind.ARRIVED);
        long ms = 100;
        TagTracker.Event moved = null;
        for (int i = 0; i < 40 && moved == null; i++, ms += 100) {
            t.read(BOX, "C07-A", -70, ms);   // the box was taken away from C07-A...
            moved = t.read(BOX, "C08-B", -45, ms + 50); // ...and put on C08-B
        }
        assertThat(moved).isNotNull();
        assertThat(moved.from()).isEqualTo("C07-A");
        assertThat(moved.to()).isEqualTo("C08-B");
        assertThat(t.age(ms + 599_000)).isEmpty();
        assertThat(t.age(ms + 600_100)).singleElement().extracting(TagTracker.Event::kind).isEqualTo(TagTracker.Event.Kind.DEPARTED);
        assertThat(t.size()).isZero();
    }

    /** A box between two antennas that read it equally well (noise of ±3 dB) stays where it arrived. */
    @Property(tries = 50)
    void aCrossReadWithinTheMarginNeverMovesTheBox(@ForAll @IntRange(min = 1, max = 1_000_000) int seed) {
        Random random = new Random(seed);
        TagTracker t = new TagTracker(TagTracker.Settings.DEFAULT);
        List<TagTracker.Event> events = new ArrayList<>();
        long ms = 0;
        for (int i = 0; i < 500; i++, ms += 50) {
            String antenna = random.nextBoolean() ? "C07-A" : "C07-B";
            TagTracker.Event e = t.read(BOX, antenna, -55 + random.nextDouble() * 6 - 3, ms);
            if (e != null) {
                events.add(e);
            }
        }
        assertThat(events).singleElement().extracting(TagTracker.Event::kind).isEqualTo(TagTracker.Event.Kind.ARRIVED);
    }

    /** While shelves move, no tag moves into or out of the paused locations; after resuming it can. */
    @Test
    void pausedLocationsHoldTheirTags() {
        TagTracker t = new TagTracker(TagTracker.Settings.DEFAULT);
        t.read(BOX, "C07-A", -60, 0);
        t.pause(l -> l.startsWith("C07") || l.startsWith("C08"));
        for (int i = 1; i < 50; i++) {
            assertThat(t.read(BOX, "C08-B", -40, i * 100L)).isNull();
        }
        assertThat(t.read(new Epc("E28011600000000000000002"), "C08-A", -40, 6000)).isNull();
        assertThat(t.age(10_000_000)).isEmpty();
        t.pause(l -> false);
        assertThat(t.read(BOX, "C08-B", -40, 10_000_000).kind()).isEqualTo(TagTracker.Event.Kind.MOVED);
        // Forgotten (after motion) without a departure; the next read is an arrival.
        assertThat(t.forget(l -> l.startsWith("C08"))).isEqualTo(1);
        assertThat(t.age(20_000_000)).isEmpty();
        assertThat(t.read(BOX, "C08-B", -40, 20_000_001).kind()).isEqualTo(TagTracker.Event.Kind.ARRIVED);
    }
}
