package org.storeroom.rfid.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.storeroom.rfid.api.StoragePoint;
import org.storeroom.shelf.api.RangeSpec;

/**
 * Where boxes can stand in the room, so that the virtual warehouse holds exactly the physical storage
 * points, and which aisle opens to reach each.
 *
 * <p>Sides: A is the face towards the range's fixed column, B the face away from it. On a column at rail
 * index i (the fixed column is 0), side A faces gap i and side B gap i + 1, which is the aisle (numbered
 * as the shelf controller numbers them) to open. A fixed column standing against a wall has no side A.
 *
 * @param ranges           the ranges, as the shelf controller is configured
 * @param bays             bays (节) per column side
 * @param layers           layers (层) per bay
 * @param slots            box slots per layer
 * @param fixedSingleSided whether each range's fixed column stands against a wall (no side A)
 */
public record ShelvingLayout(List<RangeSpec> ranges, int bays, int layers, int slots, boolean fixedSingleSided) {
    /** The aisle that gives access to a storage point: {@code A-3} is aisle 3 of range A. */
    public record Access(String range, int aisle) {
        public String id() {
            return range + "-" + aisle;
        }
    }

    /** The demo room: ranges A..E of nine columns, 6 bays, 6 layers, 12 boxes per layer, fixed columns against the wall. */
    public static final ShelvingLayout DEMO = new ShelvingLayout(
            RangeSpec.parse(new String[] {"A:1-9", "B:10-18", "C:19-27", "D:28-36", "E:37-45"}), 6, 6, 12, true);

    public ShelvingLayout {
        ranges = List.copyOf(ranges);
        check("bays", bays, 99);
        check("layers", layers, 99);
        check("slots", slots, 999);
        Map<Integer, String> seen = new HashMap<>();
        for (RangeSpec r : ranges) {
            for (int c : r.columns()) {
                if (c < 1 || c > 999) {
                    throw new IllegalArgumentException("range " + r.name() + ": column " + c + " is outside 1..999");
                }
                String before = seen.put(c, r.name());
                if (before != null) {
                    throw new IllegalArgumentException("column " + c + " is in range " + before + " and in range " + r.name());
                }
            }
        }
    }

    private static void check(String field, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(field + " " + value + " is outside 1.." + max);
        }
    }

    /** @return why {@code p} is not a storage point of this room, or empty when it is one */
    public Optional<String> problem(StoragePoint p) {
        Optional<RailPlace> place = place(p.column());
        if (place.isEmpty()) {
            return Optional.of("column " + p.column() + " is not in any range of the room");
        }
        if (place.get().index == 0 && fixedSingleSided && p.side() == StoragePoint.Side.A) {
            return Optional.of("column " + p.column() + " is the fixed column of range " + place.get().range.name()
                    + " and stands against the wall: it has no side A");
        }
        if (p.bay() > bays) {
            return Optional.of("bay " + p.bay() + " is beyond the " + bays + " bays of a column");
        }
        if (p.layer() > layers) {
            return Optional.of("layer " + p.layer() + " is above the " + layers + " layers of a bay");
        }
        if (p.slot() > slots) {
            return Optional.of("slot " + p.slot() + " is beyond the " + slots + " slots of a layer");
        }
        return Optional.empty();
    }

    /**
     * @return the aisle to open to reach {@code p}; empty for a fixed column's back when it is not
     *         against a wall (it faces the room and needs no aisle) or when {@code p} is not in the room
     */
    public Optional<Access> access(StoragePoint p) {
        return place(p.column()).flatMap(pl -> {
            int gap = p.side() == StoragePoint.Side.A ? pl.index : pl.index + 1;
            return gap == 0 ? Optional.empty() : Optional.of(new Access(pl.range.name(), gap));
        });
    }

    /** @return the range a column belongs to */
    public Optional<String> rangeOf(int column) {
        return place(column).map(pl -> pl.range.name());
    }

    /** @return the columns of range {@code name}, in rail order */
    public Optional<List<Integer>> columnsOf(String name) {
        return ranges.stream().filter(r -> r.name().equals(name)).findFirst().map(RangeSpec::columns);
    }

    /** @return how many storage points the room has */
    public long pointCount() {
        long sides = 0;
        for (RangeSpec r : ranges) {
            sides += 2L * r.columns().size() - (fixedSingleSided ? 1 : 0);
        }
        return sides * bays * layers * slots;
    }

    private record RailPlace(RangeSpec range, int index) { }

    private Optional<RailPlace> place(int column) {
        for (RangeSpec r : ranges) {
            int i = r.columns().indexOf(column);
            if (i >= 0) {
                return Optional.of(new RailPlace(r, i));
            }
        }
        return Optional.empty();
    }
}
