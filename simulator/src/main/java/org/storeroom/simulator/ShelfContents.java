package org.storeroom.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What really stands on the simulated shelves: the tagged boxes on each column face, in order along it.
 * A box carried out through the door leaves its face; carried back in, it is put back where it stood.
 *
 * <p>Faces are named as the warehouse names them: side A looks towards the range's fixed column, side B
 * away from it; a fixed column stands against a wall and has side B only.
 */
public final class ShelfContents {
    /** The demo room's holdings: as many boxes as the warehouse's demo catalogue. */
    public static final int DEMO_BOXES = 9_231;
    /** Storage points per face in the demo: 6 bays of 6 layers of 12 slots, the warehouse's defaults. */
    static final int DEMO_POINTS_PER_FACE = 6 * 6 * 12;

    /** One face of a column: {@code side} is 'A' or 'B'. */
    public record Face(int column, char side) {
        public Face {
            if (side != 'A' && side != 'B') {
                throw new IllegalArgumentException("side '" + side + "' of column " + column + " is not A or B");
            }
        }

        @Override
        public String toString() {
            return String.format("C%02d-%c", column, side);
        }
    }

    private final Map<Face, List<String>> faces = new ConcurrentHashMap<>();
    private final Map<String, Face> home = new ConcurrentHashMap<>();

    /** Puts a tagged box at the end of a face; it belongs there from now on. */
    public void place(Face face, String epcHex) {
        String epc = epcHex.toUpperCase(Locale.ROOT);
        Face before = home.put(epc, face);
        if (before != null) {
            faces.get(before).remove(epc);
        }
        faces.computeIfAbsent(face, f -> new CopyOnWriteArrayList<>()).add(epc);
    }

    /** @return the tags on a face now, in order along it */
    public List<String> on(Face face) {
        List<String> tags = faces.get(face);
        return tags == null ? List.of() : List.copyOf(tags);
    }

    /** @return the face a box belongs on, or {@code null} for a tag the room never held */
    public Face home(String epcHex) {
        return home.get(epcHex.toUpperCase(Locale.ROOT));
    }

    /** Someone takes the box off its face (to carry it out of the room). */
    void takeOff(String epcHex) {
        Face f = home(epcHex);
        if (f != null) {
            faces.get(f).remove(epcHex.toUpperCase(Locale.ROOT));
        }
    }

    /** Someone puts the box back on its own face; a box already there stays once. */
    void putBack(String epcHex) {
        String epc = epcHex.toUpperCase(Locale.ROOT);
        Face f = home.get(epc);
        if (f != null && !faces.get(f).contains(epc)) {
            faces.get(f).add(epc);
        }
    }

    /**
     * Fills the shelves as the warehouse's demo catalogue says they are filled: box n (from 1) carries
     * {@link #demoBoxEpc(int)} and stands at storage point ⌊(n − 1) · P / 9,231⌋ of the room's P points,
     * counted range by range, column by column along the rail, side A before B, bay, layer and slot.
     */
    public void fillWithDemoHoldings(RoomLayout layout) {
        List<Face> all = faces(layout, 1, layout.columns());
        long points = (long) all.size() * DEMO_POINTS_PER_FACE;
        for (int b = 0; b < DEMO_BOXES; b++) {
            place(all.get((int) (b * points / DEMO_BOXES / DEMO_POINTS_PER_FACE)), demoBoxEpc(b + 1));
        }
    }

    /**
     * @return the faces of columns {@code first}..{@code last} in rail order, side A before B; a range's
     *         fixed column, against a wall, has side B only
     */
    public static List<Face> faces(RoomLayout layout, int first, int last) {
        List<Face> out = new ArrayList<>();
        for (int c = first; c <= last; c++) {
            if (layout.railIndex(c) > 0) {
                out.add(new Face(c, 'A'));
            }
            out.add(new Face(c, 'B'));
        }
        return out;
    }

    /**
     * The demo room's box tags: box {@code n} (its archive number ends in n, e.g. 0435-DK·2012-Y-00042 is
     * box 42) carries {@code E2801160} followed by 0x20000000 + n − 1 in 16 hex digits.
     */
    public static String demoBoxEpc(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("box " + n + ": the demo room's boxes are numbered from 1");
        }
        return String.format("E2801160%016X", 0x2000_0000L + n - 1);
    }
}
