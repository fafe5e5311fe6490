package org.storeroom.rfid.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each reader antenna looks at, configured as {@code READER:PORT=PLACE}: a column side
 * ({@code C07-A}) or bay ({@code C07-A-B03}) for fixed shelf antennas, {@code gate-inside} or
 * {@code gate-outside} for the door gate, {@code cart} for an antenna of the inventory cart (where it looks
 * comes from the location tags it reads: {@link CartPosition}).
 */
public final class Antennas {
    /** Where an antenna looks: a shelf place (with its column), one side of the door gate, or the cart. */
    public record Place(String name, int column, DoorGate.Side gate) {
        static final Place CART = new Place("cart", 0, null);

        public boolean isGate() {
            return gate != null;
        }

        public boolean isCart() {
            return this.equals(CART);
        }
    }

    private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9._-]{1,64}):(\\d{1,5})=(.+)");
    private static final Pattern SHELF = Pattern.compile("C(\\d{1,3})-([AB])(-B\\d{1,2})?", Pattern.CASE_INSENSITIVE);

    /** Reader → port → place: looked up for every read, so without building a key. */
    private final Map<String, Map<Integer, Place>> byAntenna = new HashMap<>();
    private int size;

    /**
     * @throws IllegalArgumentException naming the entry that is not READER:PORT=PLACE, or whose column is not in the room
     */
    public Antennas(String[] entries, ShelvingLayout layout) {
        for (String raw : entries == null ? new String[0] : entries) {
            String e = raw == null ? "" : raw.trim();
            if (e.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(e);
            if (!m.matches()) {
                throw new IllegalArgumentException("antennas entry '" + e + "' is not READER:PORT=PLACE, e.g. shelf-7:1=C07-A");
            }
            String place = m.group(3).trim();
            Place p;
            if (place.equalsIgnoreCase("gate-inside")) {
                p = new Place("gate", 0, DoorGate.Side.INSIDE);
            } else if (place.equalsIgnoreCase("gate-outside")) {
                p = new Place("gate", 0, DoorGate.Side.OUTSIDE);
            } else if (place.equalsIgnoreCase("cart")) {
                p = Place.CART;
            } else {
                Matcher s = SHELF.matcher(place);
                if (!s.matches()) {
                    throw new IllegalArgumentException("antennas entry '" + e + "': '" + place
                            + "' is not a column side (C07-A), a bay (C07-A-B03), gate-inside, gate-outside or cart");
                }
                int column = Integer.parseInt(s.group(1));
                if (layout.rangeOf(column).isEmpty()) {
                    throw new IllegalArgumentException("antennas entry '" + e + "': column " + column + " is not in any range of the room");
                }
                p = new Place(place.toUpperCase(java.util.Locale.ROOT), column, null);
            }
            if (byAntenna.computeIfAbsent(m.group(1), r -> new HashMap<>()).put(Integer.parseInt(m.group(2)), p) != null) {
                throw new IllegalArgumentException("antennas entry '" + e + "': antenna " + m.group(1) + ":" + m.group(2) + " is given twice");
            }
            size++;
        }
    }

    /** @return where antenna {@code port} of {@code reader} looks, if configured */
    public Optional<Place> place(String reader, int port) {
        Map<Integer, Place> ports = byAntenna.get(reader);
        return ports == null ? Optional.empty() : Optional.ofNullable(ports.get(port));
    }

    public int size() {
        return size;
    }
}
