package org.storeroom.shelf.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The store room's shelving: its ranges, and which range each column belongs to. */
public record RoomModel(List<RangeModel> ranges) {

    public RoomModel {
        ranges = List.copyOf(ranges);
        Map<Integer, String> seen = new HashMap<>();
        Map<String, Boolean> ids = new HashMap<>();
        for (RangeModel r : ranges) {
            if (ids.put(r.id(), true) != null) {
                throw new IllegalArgumentException("range " + r.id() + " is defined twice");
            }
            for (int c : r.columns()) {
                String other = seen.put(c, r.id());
                if (other != null) {
                    throw new IllegalArgumentException("column " + c + " is in range " + other + " and range " + r.id());
                }
            }
        }
    }

    /**
     * The demo room: 45 columns in five ranges A..E of nine, each range's first column fixed, columns
     * 600 mm deep, aisles 900 mm wide.
     */
    public static RoomModel demo() {
        List<RangeModel> ranges = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            List<Integer> cols = new ArrayList<>();
            for (int i = 1; i <= 9; i++) {
                cols.add(r * 9 + i);
            }
            ranges.add(new RangeModel(String.valueOf((char) ('A' + r)), cols, 600, 900));
        }
        return new RoomModel(ranges);
    }

    public Optional<RangeModel> range(String id) {
        return ranges.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** @return the range holding {@code column}. */
    public Optional<RangeModel> rangeOf(int column) {
        return ranges.stream().filter(r -> r.indexOf(column) >= 0).findFirst();
    }

    /** @return every column of the room. */
    public List<Integer> columns() {
        return ranges.stream().flatMap(r -> r.columns().stream()).toList();
    }
}
