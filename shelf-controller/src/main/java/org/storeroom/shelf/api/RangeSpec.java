package org.storeroom.shelf.api;

import java.util.ArrayList;
import java.util.List;

/**
 * One range (区) as configured: its name and its room column numbers in rail order, the fixed column
 * first. Written {@code A:1-9}, {@code B:18-10} (fixed column 18) or {@code C:19,20,21}; the shelf
 * coordinator and the virtual warehouse read the same configuration text, so they agree on the room.
 */
public record RangeSpec(String name, List<Integer> columns) {
    public RangeSpec {
        if (name == null || !name.matches("[A-Za-z0-9-]{1,8}")) {
            throw new IllegalArgumentException("range name '" + name + "' is not 1..8 letters, digits or '-'");
        }
        columns = List.copyOf(columns);
    }

    /**
     * @param specs entries like {@code A:1-9}; blank entries are skipped
     * @throws IllegalArgumentException naming the entry that is not NAME:COLUMNS, or when none is given
     */
    public static List<RangeSpec> parse(String[] specs) {
        List<RangeSpec> ranges = new ArrayList<>();
        for (String raw : specs == null ? new String[0] : specs) {
            String spec = raw == null ? "" : raw.trim();
            if (spec.isEmpty()) {
                continue;
            }
            int colon = spec.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("ranges entry '" + spec + "' is not NAME:COLUMNS, e.g. A:1-9");
            }
            String cols = spec.substring(colon + 1).trim();
            List<Integer> columns = new ArrayList<>();
            try {
                if (cols.matches("\\d{1,3}\\s*-\\s*\\d{1,3}")) {
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
                ranges.add(new RangeSpec(spec.substring(0, colon).trim(), columns));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ranges entry '" + spec + "': '" + cols
                        + "' is not FIRST-LAST or a comma list of columns");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ranges entry '" + spec + "': " + e.getMessage(), e);
            }
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("ranges: no range is configured");
        }
        return ranges;
    }
}
