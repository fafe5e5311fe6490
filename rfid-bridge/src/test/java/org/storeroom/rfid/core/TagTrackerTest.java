package org.storeroom.rfid.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
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
        // Then it is taken away; the boxes beside it on C08-B go on being read.
        Epc beside = new Epc("E28011600000000000000009");
        for (long at = ms; at <= ms + 600_100; at += 10_000) {
            t.read(beside, "C08-B", -50, at);
        }
        assertThat(t.age(ms + 599_000)).isEmpty();
        assertThat(t.age(ms + 600_100)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(TagTracker.Event.Kind.DEPARTED);
            assertThat(e.epc()).isEqualTo(BOX);
            assertThat(e.from()).isEqualTo("C08-B");
        });
        assertThat(t.size()).isEqualTo(1);
    }

    /** A reader that goes down is no evidence: its tags stay until its antennas read again without them. */
    @Test
    void aSilentReaderEmptiesNoShelf() {
        TagTracker t = new TagTracker(TagTracker.Settings.DEFAULT);
        Epc other = new Epc("E28011600000000000000002");
        t.read(BOX, "C07-A", -50, 0);
        t.read(other, "C07-A", -50, 0);
        // Two hours with nothing read at C07-A: nobody departs.
        assertThat(t.age(7_200_000)).isEmpty();
        // The reader is back and reads the other box only: not yet evidence (the hour before was silence)...
        t.read(other, "C07-A", -50, 7_200_000);
        assertThat(t.age(7_200_000)).isEmpty();
        // ...but ten minutes of it are: BOX has departed.
        for (long at = 7_205_000; at <= 7_800_000; at += 5000) {
            t.read(other, "C07-A", -50, at);
        }
        assertThat(t.age(7_800_000)).singleElement().extracting(TagTracker.Event::epc).isEqualTo(BOX);
        // A location with a single tag never shows its absence: it stays.
        t.read(new Epc("E28011600000000000000003"), "C09-A", -50, 7_800_000);
        assertThat(t.age(20_000_000)).extracting(TagTracker.Event::epc).doesNotContain(new Epc("E28011600000000000000003"));
    }

    /**
     * Whatever the reads: once a location's reader goes down, a tag departs from there only on evidence
     * gathered before, so only if it was last read at least the departure time before the reader went down.
     */
    @Property(tries = 200)
    void aReaderThatGoesDownEmptiesNothing(@ForAll @IntRange(min = 1, max = 1_000_000) int seed) {
        Random random = new Random(seed);
        TagTracker.Settings settings = new TagTracker.Settings(20, 6.0, 0.8, 500, 60_000 + random.nextInt(600_000));
        TagTracker t = new TagTracker(settings);
        String[] places = {"C07-A", "C07-B", "C08-A"};
        long down = 200_000 + random.nextInt(2_000_000);
        java.util.Map<Epc, Long> lastSeen = new java.util.HashMap<>();
        int departures = 0;
        for (long ms = 0; ms < 6_000_000; ms += 1 + random.nextInt(20_000)) {
            String place = places[random.nextInt(places.length)];
            if (place.equals("C07-A") && ms >= down) {
                continue; // its reader is down from here on
            }
            Epc tag = new Epc(String.format("E280116000000000000000%02X", random.nextInt(12)));
            t.read(tag, place, -40 - random.nextInt(30), ms);
            lastSeen.merge(tag, ms, Math::max);
            if (random.nextInt(10) == 0) {
                for (TagTracker.Event e : t.age(ms)) {
                    departures++;
                    if (e.from().equals("C07-A") && e.atMs() >= down) {
                        assertThat(lastSeen.get(e.epc())).as("%s departed from C07-A at %d, its reader down since %d", e.epc(), e.atMs(), down)
                                .isLessThanOrEqualTo(down - settings.departAfterMs());
                    }
                }
            }
        }
        Statistics.label("departures").collect(departures > 0);
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

    /**
     * A box moved between two antennas that read it equally well (±3 dB of noise): once its old place has
     * been silent long enough for the margin to decay past the noise in the means, it has moved.
     */
    @Property(tries = 50)
    void aBoxMovedBetweenEquallyGoodAntennasIsFollowed(@ForAll @IntRange(min = 1, max = 1_000_000) int seed) {
        Random random = new Random(seed);
        TagTracker t = new TagTracker(TagTracker.Settings.DEFAULT);
        long ms = 0;
        for (; ms < 10_000; ms += 500) {
            t.read(BOX, "C07-A", -55 + random.nextInt(7) - 3, ms);
        }
        long movedAt = ms;
        TagTracker.Event moved = null;
        for (; moved == null && ms < movedAt + 30_000; ms += 500) {
            moved = t.read(BOX, "C07-B", -55 + random.nextInt(7) - 3, ms);
        }
        assertThat(moved).isNotNull();
        assertThat(moved.from()).isEqualTo("C07-A");
        // ±3 dB of noise leaves the two means at most 6 dB apart: by 15 s of silence the margin is -6 dB.
        assertThat(ms - movedAt).isLessThanOrEqualTo(15_500L);
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
