package org.storeroom.simulator;

import java.net.InetSocketAddress;

/**
 * Where the simulated nodes listen. Column node n listens on {@code 127.0.1.n}, sensor node n on
 * {@code 127.0.2.n}, LLRP reader n on {@code 127.0.3.n}: on Linux the whole of 127.0.0.0/8 is loopback,
 * so each node has its own address, as on the real bus, without any set-up.
 *
 * @param columns    number of column nodes, 1..254
 * @param columnPort CoAP port of each column node; 0 picks a free port per node (tests)
 */
public record RoomLayout(int columns, int columnPort) {

    /** The demo room: 45 columns on the standard CoAP port. */
    public static final RoomLayout DEMO = new RoomLayout(45, 5683);

    public RoomLayout {
        if (columns < 1 || columns > 254) {
            throw new IllegalArgumentException("columns " + columns + " is outside 1..254");
        }
        if (columnPort < 0 || columnPort > 65535) {
            throw new IllegalArgumentException("columnPort " + columnPort + " is outside 0..65535");
        }
    }

    /** @return where column node {@code column} listens. */
    public InetSocketAddress columnAddress(int column) {
        if (column < 1 || column > columns) {
            throw new IllegalArgumentException("column " + column + " is outside 1.." + columns);
        }
        return new InetSocketAddress("127.0.1." + column, columnPort);
    }
}
