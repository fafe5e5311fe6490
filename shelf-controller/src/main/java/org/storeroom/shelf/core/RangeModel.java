package org.storeroom.shelf.core;

import java.util.List;

/**
 * One range (区) of mobile shelving: a fixed column and carriages on one rail.
 *
 * <p>Geometry: columns are listed in rail order, index 0 being the fixed column. Every column is
 * {@code depthMm} deep front to front; the rail leaves room for exactly one aisle of {@code aisleMm}.
 * The position of column {@code i} is the distance of its front from the fixed column's front; packed
 * against the fixed column it is {@code i * depth}, pushed away it is {@code i * depth + aisle}.
 *
 * <p>Gap {@code g} (1..n, n = number of columns) is the space in front of column {@code g-1}: gaps
 * 1..n-1 lie between neighbours, gap n between the last column and the end of the rail. The gaps always
 * add up to one aisle width. Aisle {@code k} is open when gap {@code k} is the whole aisle width; aisle n
 * open means every carriage is packed against the fixed column (parked).
 *
 * @param id      range name, e.g. {@code A}
 * @param columns room column numbers in rail order; the first is fixed
 * @param depthMm front-to-front depth of a column
 * @param aisleMm width of an open aisle
 */
public record RangeModel(String id, List<Integer> columns, int depthMm, int aisleMm) {

    public RangeModel {
        if (id == null || !id.matches("[A-Za-z0-9-]{1,8}")) {
            throw new IllegalArgumentException("range id '" + id + "' is not 1..8 letters, digits or '-'");
        }
        if (columns == null || columns.size() < 2 || columns.size() > 40) {
            throw new IllegalArgumentException("range " + id + " needs 2..40 columns, has "
                    + (columns == null ? 0 : columns.size()));
        }
        if (depthMm < 200 || depthMm > 2000) {
            throw new IllegalArgumentException("range " + id + ": depthMm " + depthMm + " is outside 200..2000");
        }
        if (aisleMm < 500 || aisleMm > 2000) {
            throw new IllegalArgumentException("range " + id + ": aisleMm " + aisleMm + " is outside 500..2000");
        }
        columns = List.copyOf(columns);
    }

    /** @return number of columns including the fixed one; also the number of gaps. */
    public int size() {
        return columns.size();
    }

    /** @return rail index of a room column number, or -1 if not in this range. */
    public int indexOf(int column) {
        return columns.indexOf(column);
    }

    /** @return the smallest position column {@code index} can take (all before it packed). */
    public int minPosition(int index) {
        return index * depthMm;
    }

    /** @return the largest position column {@code index} can take (the aisle before it). */
    public int maxPosition(int index) {
        return index == 0 ? 0 : index * depthMm + aisleMm;
    }

    /** @return target positions (by rail index) that open aisle {@code k}, 1..size(). */
    public int[] aisleTargets(int k) {
        int[] t = new int[size()];
        for (int i = 1; i < size(); i++) {
            t[i] = i < k ? minPosition(i) : maxPosition(i);
        }
        return t;
    }

    /** @return target positions with every gap equal: ventilation. */
    public int[] ventilationTargets() {
        int[] t = new int[size()];
        for (int i = 1; i < size(); i++) {
            t[i] = minPosition(i) + (int) ((long) aisleMm * i / size());
        }
        return t;
    }

    /** @return the width of gap {@code g} (1..size()) for positions by rail index. */
    public int gap(int[] positions, int g) {
        if (g < size()) {
            return positions[g] - positions[g - 1] - depthMm;
        }
        return maxPosition(size() - 1) - positions[size() - 1];
    }

    /** @return the gap a column at {@code index} closes when moving forward ({@code true}) or backward. */
    public static int gapClosedBy(int index, boolean forward) {
        return forward ? index + 1 : index;
    }
}
