package org.storeroom.shelf.internal.coordinator;

import java.util.ArrayList;
import java.util.List;
import org.storeroom.shelf.core.RangeModel;
import org.storeroom.shelf.core.RoomModel;

/** Parses the configured ranges, {@code A:1-9}, {@code B:18-10}, {@code C:19,20,21}. */
final class RangeSpecs {
    private RangeSpecs() {
    }

    static RoomModel parse(String[] specs, int depthMm, int aisleMm) {
        List<RangeModel> ranges = new ArrayList<>();
        for (String raw : specs == null ? new String[0] : specs) {
            String spec = raw == null ? "" : raw.trim();
            if (spec.isEmpty()) {
                continue;
            }
            int colon = spec.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("ranges entry '" + spec + "' is not NAME:COLUMNS, e.g. A:1-9");
            }
            String name = spec.substring(0, colon).trim();
            String cols = spec.substring(colon + 1).trim();
            List<Integer> columns = new ArrayList<>();
            try {
                if (cols.matches("\\d+\\s*-\\s*\\d+")) {
                    String[] ends = cols.split("-");
                    int from = Integer.parseInt(ends[0].trim());
                    int to = Integer.parseInt(ends[1].trim());
                    for (int c = from; from <= to ? c <= to : c >= to; c += from <= to ? 1 : -1) {
                        columns.add(c);
                    }
                } else {
                    for (String c : cols.split(",")) {
                        columns.add(Integer.parseInt(c.trim()));
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ranges entry '" + spec + "': '" + cols + "' is not FIRST-LAST or a comma list of columns");
            }
            try {
                ranges.add(new RangeModel(name, columns, depthMm, aisleMm));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ranges entry '" + spec + "': " + e.getMessage(), e);
            }
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("ranges: no range is configured");
        }
        return new RoomModel(ranges);
    }
}
