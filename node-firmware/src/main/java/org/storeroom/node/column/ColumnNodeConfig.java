package org.storeroom.node.column;

import java.net.InetSocketAddress;

/**
 * What a column node is told at start.
 *
 * @param column     column number in the room
 * @param bind       address and port to serve CoAP on
 * @param positionMm carriage position at start, until the encoder reports (see docs/device-bus.md)
 * @param pins       GPIO wiring of the board
 */
public record ColumnNodeConfig(int column, InetSocketAddress bind, int positionMm, ColumnPins pins) {
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
        if (pins == null) {
            pins = ColumnPins.REFERENCE;
        }
    }
}
