package org.storeroom.simulator;

import java.net.InetSocketAddress;

/**
 * The simulated room: where its nodes listen and how its shelving is built.
 *
 * <p>Column node n listens on {@code 127.0.1.n}, sensor node n on {@code 127.0.2.n}, LLRP reader n on
 * {@code 127.0.3.n}: on Linux the whole of 127.0.0.0/8 is loopback, so each node has its own address, as
 * on the real bus, without any set-up.
 *
 * <p>Columns are grouped in ranges of {@code rangeSize} along their rails, the first of each range fixed;
 * each column is {@code depthMm} deep and the rail leaves room for one aisle of {@code aisleMm} (see the
 * shelf controller's room model, which describes the same room).
 *
 * @param columns      number of column nodes, 1..254
 * @param columnPort   CoAP port of each column node; 0 picks a free port per node (tests)
 * @param rangeSize    columns per range, the fixed one included
 * @param depthMm      front-to-front depth of a column
 * @param aisleMm      width of an aisle
 * @param speedMmPerS  carriage speed (4..8 m/min is 67..133 mm/s)
 */
public record RoomLayout(int columns, int columnPort, int rangeSize, int depthMm, int aisleMm, int speedMmPerS) {

    /** The demo room: 45 columns in five ranges of nine on the standard CoAP port, 600 mm deep, 900 mm aisles, 6 m/min. */
    public static final RoomLayout DEMO = new RoomLayout(45, 5683, 9, 600, 900, 100);

    public RoomLayout {
        if (columns < 1 || columns > 254) {
            throw new IllegalArgumentException("columns " + columns + " is outside 1..254");
        }
        if (columnPort < 0 || columnPort > 65535) {
            throw new IllegalArgumentException("columnPort " + columnPort + " is outside 0..65535");
        }
        if (rangeSize < 1 || rangeSize > 40) {
            throw new IllegalArgumentException("rangeSize " + rangeSize + " is outside 1..40");
        }
        if (speedMmPerS < 67 || speedMmPerS > 134) {
            throw new IllegalArgumentException("speedMmPerS " + speedMmPerS + " is outside 67..134 (4..8 m/min)");
        }
    }

    /** The demo room's shelving with {@code columns} columns on {@code port}. */
    public RoomLayout(int columns, int columnPort) {
        this(columns, columnPort, DEMO.rangeSize, DEMO.depthMm, DEMO.aisleMm, DEMO.speedMmPerS);
    }

    /** @return where column node {@code column} listens. */
    public InetSocketAddress columnAddress(int column) {
        check(column);
        return new InetSocketAddress("127.0.1." + column, columnPort);
    }

    /** @return the column's index on its range's rail, 0 for the fixed column. */
    public int railIndex(int column) {
        check(column);
        return (column - 1) % rangeSize;
    }

    /** @return the closest the column comes to the fixed column (packed). */
    public int minMm(int column) {
        return railIndex(column) * depthMm;
    }

    /** @return the farthest the column goes (the aisle before it open). */
    public int maxMm(int column) {
        return railIndex(column) == 0 ? 0 : railIndex(column) * depthMm + aisleMm;
    }

    /** @return whether {@code column} and {@code column + 1} share a rail. */
    public boolean sameRange(int column, int next) {
        return next <= columns && (column - 1) / rangeSize == (next - 1) / rangeSize;
    }

    private void check(int column) {
        if (column < 1 || column > columns) {
            throw new IllegalArgumentException("column " + column + " is outside 1.." + columns);
        }
    }
}
