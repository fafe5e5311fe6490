package org.storeroom.rfid.core;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where each of the inventory cart's antennas looks, from the location tags it reads: an antenna that
 * reads the tag of a column side looks at that side until it reads another, or until it has read none
 * for {@link #FORGET_AFTER_MS} (the cart was parked or left the aisles), or until the shelving it looked
 * at moves: the cart can only change aisles when columns move, and an antenna that missed the new
 * aisle's tag must not count its boxes at the old one. Reads of boxes are counted at the side the
 * antenna looks at; before any location tag, they are not counted anywhere.
 *
 * <p>Pure: time comes with each call. Not thread-safe: the ingest owns it.
 */
public final class CartPosition {
    /** An antenna that has read no location tag for this long no longer knows where it is. */
    public static final long FORGET_AFTER_MS = 5 * 60_000;

    /** Where one antenna looks, and when its location tag was last read. */
    public record Looking(String place, int column, long atMs) { }

    private final Map<String, Looking> byAntenna = new HashMap<>();

    /** A location tag read by {@code antenna} (reader:port) at {@code place}, e.g. {@code C07-A}. */
    public void locationTag(String antenna, String place, long atMs) {
        Looking before = byAntenna.get(antenna);
        if (before == null || atMs >= before.atMs()) {
            byAntenna.put(antenna, new Looking(place, Integer.parseInt(place.substring(1, place.indexOf('-'))), atMs));
        }
    }

    /** @return where {@code antenna} looks at {@code atMs}, or null when it does not know */
    public Looking where(String antenna, long atMs) {
        Looking l = byAntenna.get(antenna);
        return l == null || atMs - l.atMs() > FORGET_AFTER_MS ? null : l;
    }

    /**
     * Forgets where antennas look that look at a place {@code moved} accepts, e.g. a side of a range in motion.
     *
     * @return how many antennas no longer know where they are
     */
    public int forget(Predicate<String> moved) {
        int before = byAntenna.size();
        byAntenna.values().removeIf(l -> moved.test(l.place()));
        return before - byAntenna.size();
    }
}
