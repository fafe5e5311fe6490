package org.storeroom.bus;

import java.util.List;
import java.util.Map;

/**
 * What a sensor node reports on {@code /outputs}: each relay it has and whether it is energised, and the
 * relays its own fire interlock holds released whatever the gateway asks.
 *
 * @param node    node id
 * @param boot    random identifier chosen at node start
 * @param seq     grows by one with every change within a boot
 * @param relays  each relay the node has and whether it is on
 * @param heldOff relays the node holds off by itself (fire panel in alarm), empty otherwise
 * @param reason  why they are held off, {@code null} when none is
 */
public record RelayStates(String node, long boot, long seq, Map<Relay, Boolean> relays, List<Relay> heldOff, String reason) {

    public RelayStates {
        Checks.text("node", node, 64);
        Checks.atLeast("seq", seq, 0);
        Checks.present("relays", relays);
        Checks.present("heldOff", heldOff);
        relays = Map.copyOf(relays);
        heldOff = List.copyOf(heldOff);
        if (!heldOff.isEmpty()) {
            Checks.text("reason", reason, 200);
        }
    }
}
