package org.storeroom.bus;

import java.util.List;

/**
 * What a sensor node reports on {@code /inputs}: its detectors, water and door contacts and, on the node
 * wired to it, the fire panel.
 *
 * @param node      node id
 * @param zone      the room zone the node watches
 * @param boot      random identifier chosen at node start
 * @param seq       grows by one with every change within a boot
 * @param detectors fire detectors (≤ 32)
 * @param contacts  water and door contacts (≤ 32)
 * @param firePanel the fire panel's signals, or {@code null} on a node not wired to it
 */
public record SensorInputs(String node, String zone, long boot, long seq, List<Detector> detectors, List<Contact> contacts,
        FirePanel firePanel) {

    public SensorInputs {
        Checks.text("node", node, 64);
        Checks.text("zone", zone, 64);
        Checks.atLeast("seq", seq, 0);
        detectors = items("detectors", detectors);
        contacts = items("contacts", contacts);
    }

    private static <T> List<T> items(String field, List<T> items) {
        Checks.present(field, items);
        if (items.size() > 32) {
            throw new PayloadException(field, items.size() + " entries, at most 32");
        }
        for (T i : items) {
            Checks.present(field + "[]", i);
        }
        return List.copyOf(items);
    }
}
