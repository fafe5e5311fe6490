package org.storeroom.bus;

import java.util.List;

/**
 * What a sensor node reports on {@code /climate}: every temperature/humidity sensor it has.
 *
 * @param node    node id, e.g. {@code sensor-2}
 * @param zone    the room zone the node's sensors stand in, e.g. {@code zone-1}
 * @param boot    random identifier chosen at node start
 * @param seq     grows by one with every report within a boot
 * @param sensors one reading per sensor, 1..8
 */
public record ClimateReport(String node, String zone, long boot, long seq, List<SensorReading> sensors) {

    public ClimateReport {
        Checks.text("node", node, 64);
        Checks.text("zone", zone, 64);
        Checks.atLeast("seq", seq, 0);
        Checks.present("sensors", sensors);
        if (sensors.isEmpty() || sensors.size() > 8) {
            throw new PayloadException("sensors", sensors.size() + " entries, must be 1..8");
        }
        for (SensorReading s : sensors) {
            Checks.present("sensors[]", s);
        }
        sensors = List.copyOf(sensors);
    }
}
