package org.storeroom.node.sensor;

import java.net.InetSocketAddress;

/**
 * What a sensor node is told at start.
 *
 * @param node        node id on the bus, e.g. {@code sensor-2}
 * @param zone        the room zone it watches, e.g. {@code zone-2}
 * @param bind        address and port to serve CoAP on
 * @param wiring      how the board is wired
 * @param readEveryMs how often the temperature/humidity sensors are read, 500..60000 ms
 */
public record SensorNodeConfig(String node, String zone, InetSocketAddress bind, SensorWiring wiring, int readEveryMs) {
    public SensorNodeConfig {
        if (node == null || !node.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("node id '" + node + "' is not 1..64 lower-case letters, digits and hyphens");
        }
        if (zone == null || !zone.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("zone '" + zone + "' is not 1..64 lower-case letters, digits and hyphens");
        }
        if (bind == null) {
            throw new IllegalArgumentException("bind address is missing");
        }
        if (wiring == null) {
            throw new IllegalArgumentException("wiring is missing");
        }
        if (readEveryMs < 500 || readEveryMs > 60_000) {
            throw new IllegalArgumentException("readEveryMs " + readEveryMs + " is outside 500..60000");
        }
    }
}
