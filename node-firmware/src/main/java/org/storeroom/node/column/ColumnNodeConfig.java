package org.storeroom.node.column;

import java.net.InetSocketAddress;

/**
 * What a column node is told at start.
 *
 * @param column     column number in the room
 * @param bind       address and port to serve CoAP on
 * @param positionMm carriage position reported while the board has no encoder (it then refuses every move)
 * @param minMm      soft limit towards the fixed column
 * @param maxMm      soft limit away from it
 * @param pins       GPIO wiring of the board
 */
public record ColumnNodeConfig(int column, InetSocketAddress bind, int positionMm, int minMm, int maxMm, ColumnPins pins) {
    public ColumnNodeConfig {
        if (column < 1 || column > 999) {
            throw new IllegalArgumentException("column " + column + " is outside 1..999");
        }
        if (bind == null) {
            throw new IllegalArgumentException("bind address is missing");
        }
        if (positionMm < 0 || positionMm > org.storeroom.bus.ColumnState.MAX_RAIL_MM) {
            throw new IllegalArgumentException("positionMm " + positionMm + " is outside 0.."
                    + org.storeroom.bus.ColumnState.MAX_RAIL_MM);
        }
        if (minMm < 0 || maxMm < minMm || maxMm > org.storeroom.bus.ColumnState.MAX_RAIL_MM) {
            throw new IllegalArgumentException("soft limits " + minMm + ".." + maxMm + " mm are not a range within 0.."
                    + org.storeroom.bus.ColumnState.MAX_RAIL_MM);
        }
        if (pins == null) {
            pins = ColumnPins.REFERENCE;
        }
    }

    /** A board whose carriage may use the whole rail. */
    public ColumnNodeConfig(int column, InetSocketAddress bind, int positionMm, ColumnPins pins) {
        this(column, bind, positionMm, 0, org.storeroom.bus.ColumnState.MAX_RAIL_MM, pins);
    }
}
