package org.storeroom.rfid.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.storeroom.rfid.api.Epc;

/**
 * Turns a stream of raw reads into where each tag is, as EdgeX's app-rfid-llrp-inventory does: per tag
 * the last {@link Settings#window} RSSI values per location; a tag <b>arrives</b> where it is first
 * read, <b>moves</b> when another location's mean RSSI beats the current one's by a margin, and
 * <b>departs</b> when unread for {@link Settings#departAfterMs} while its location's antennas went on
 * reading other tags without a break: a reader that is down, or a location with nothing else on it,
 * gives no evidence, and its tags stay (a dead reader must not empty the shelves it watches).
 *
 * <p>The margin ({@code 6 dB}) decays while the current location stops reading the tag, and goes on
 * below zero (after 7.5 s at the default 0.8 dB/s), so a box that really moved is followed quickly,
 * even to an antenna that reads it no better than the old one did, while one seen by two neighbouring
 * antennas does not flap; after a
 * move, further moves wait a hold-off. Locations that are {@link #pause paused} (shelves of their range
 * moving: the antennas' geometry is changing) neither gain nor lose tags until resumed.
 *
 * <p>Not thread-safe: one ingest thread owns it. Pure: time comes with each call.
 */
public final class TagTracker {
    /** What the tracker concluded. {@code from} is null on arrival, {@code to} null on departure. */
    public record Event(Kind kind, Epc epc, String from, String to, long atMs) {
        public enum Kind { ARRIVED, MOVED, DEPARTED }
    }

    /**
     * @param window           RSSI values kept per tag and location
     * @param marginDb         how much better another location must read, in dB, for a move
     * @param decayDbPerS      how fast the margin shrinks while the current location does not read the tag
     * @param holdOffMs        no second move sooner than this after a move
     * @param departAfterMs    a tag unread this long has departed
     */
    public record Settings(int window, double marginDb, double decayDbPerS, long holdOffMs, long departAfterMs) {
        /** EdgeX's defaults: 20 values, 6 dB, 0.8 dB/s, 0.5 s, 600 s. */
        public static final Settings DEFAULT = new Settings(20, 6.0, 0.8, 500, 600_000);

        public Settings {
            if (window < 1 || window > 1000) {
                throw new IllegalArgumentException("window " + window + " is outside 1..1000");
            }
            if (marginDb < 0 || decayDbPerS < 0 || holdOffMs < 0 || departAfterMs < 1000) {
                throw new IllegalArgumentException("tracker settings must not be negative and departAfterMs at least 1000: " + this);
            }
        }
    }

    private static final class Ring {
        final double[] values;
        int count;
        int next;
        double sum;
        long lastMs;

        Ring(int size) {
            values = new double[size];
        }

        void add(double v, long atMs) {
            if (count == values.length) {
                sum -= values[next];
            } else {
                count++;
            }
            values[next] = v;
            sum += v;
            next = (next + 1) % values.length;
            lastMs = atMs;
        }

        double mean() {
            return sum / count;
        }
    }

    private static final class Tag {
        final Map<String, Ring> byLocation = new HashMap<>(4);
        String location;
        long lastSeenMs;
        long movedMs;
    }

    private final Settings settings;
    private final Map<Epc, Tag> tags = new HashMap<>();
    /** A location whose antennas read nothing for this long has stopped reading (its reader is down, or it is empty). */
    static final long READING_GAP_MS = 60_000;
    /** Per location, {since, last}: the unbroken run of reads of any tag by its antennas. */
    private final Map<String, long[]> locationReading = new HashMap<>();
    private Predicate<String> paused = l -> false;

    public TagTracker(Settings settings) {
        this.settings = settings;
    }

    /** Pauses location changes into and out of the locations {@code paused} accepts; {@code l -> false} resumes all. */
    public void pause(Predicate<String> paused) {
        this.paused = paused;
    }

    /**
     * Takes one read.
     *
     * @param location where the antenna that read it looks, e.g. {@code C07-A} or {@code gate}
     * @param rssiDbm  peak RSSI in dBm
     * @return the event it caused, or {@code null}
     */
    public Event read(Epc epc, String location, double rssiDbm, long atMs) {
        long[] run = locationReading.get(location); // get-then-put: a capturing lambda would be allocated per read
        if (run == null) {
            run = new long[] {atMs, atMs};
            locationReading.put(location, run);
        }
        if (atMs - run[1] > READING_GAP_MS) {
            run[0] = atMs;
        }
        run[1] = Math.max(run[1], atMs);
        Tag t = tags.get(epc);
        boolean isNew = t == null;
        if (isNew) {
            if (paused.test(location)) {
                return null;
            }
            t = new Tag();
            tags.put(epc, t);
        }
        t.lastSeenMs = Math.max(t.lastSeenMs, atMs);
        Tag tag = t;
        Ring ring = tag.byLocation.get(location);
        if (ring == null) {
            ring = new Ring(settings.window);
            tag.byLocation.put(location, ring);
        }
        ring.add(rssiDbm, atMs);
        if (isNew) {
            tag.location = location;
            tag.movedMs = atMs;
            return new Event(Event.Kind.ARRIVED, epc, null, location, atMs);
        }
        if (location.equals(tag.location) || atMs - tag.movedMs < settings.holdOffMs
                || paused.test(location) || paused.test(tag.location)) {
            return null;
        }
        Ring here = tag.byLocation.get(tag.location);
        Ring there = tag.byLocation.get(location);
        double silentS = Math.max(0, atMs - here.lastMs) / 1000.0;
        // Below zero once the old place has been silent long enough: its last strength counts for less and
        // less, so a box moved between two antennas that read equally well still moves.
        double margin = settings.marginDb - settings.decayDbPerS * silentS;
        if (there.mean() > here.mean() + margin) {
            String from = tag.location;
            tag.location = location;
            tag.movedMs = atMs;
            return new Event(Event.Kind.MOVED, epc, from, location, atMs);
        }
        return null;
    }

    /**
     * Ends the tags unread for {@link Settings#departAfterMs} whose location has read other tags, with no
     * break over {@link #READING_GAP_MS}, for at least that long since (but not those in paused locations).
     */
    public List<Event> age(long nowMs) {
        List<Event> gone = new ArrayList<>();
        for (Iterator<Map.Entry<Epc, Tag>> it = tags.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Epc, Tag> e = it.next();
            Tag t = e.getValue();
            long[] run = locationReading.get(t.location);
            // How long the location has read without a break and without this tag.
            long evidence = run == null ? 0 : run[1] - Math.max(run[0], t.lastSeenMs);
            if (nowMs - t.lastSeenMs >= settings.departAfterMs && evidence >= settings.departAfterMs && !paused.test(t.location)) {
                it.remove();
                gone.add(new Event(Event.Kind.DEPARTED, e.getKey(), t.location, null, nowMs));
            }
        }
        return gone;
    }

    /**
     * Forgets, without departures, the tags now in the locations {@code where} accepts: after shelves
     * moved, the antennas there see a new geometry, and their tags should arrive afresh rather than
     * seem to move.
     *
     * @return how many tags were forgotten
     */
    public int forget(Predicate<String> where) {
        int before = tags.size();
        tags.values().removeIf(t -> where.test(t.location));
        return before - tags.size();
    }

    /** @return where the tag is now, or null when it is not present */
    public String location(Epc epc) {
        Tag t = tags.get(epc);
        return t == null ? null : t.location;
    }

    /** @return how long a tag goes unread before it departs */
    public long departAfterMs() {
        return settings.departAfterMs();
    }

    /** @return how many tags are present */
    public int size() {
        return tags.size();
    }
}
