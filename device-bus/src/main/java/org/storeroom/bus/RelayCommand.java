package org.storeroom.bus;

import java.util.Map;

/**
 * {@code PUT /outputs}: the relays to switch, each on or off; relays left out stay as they are.
 *
 * @param relays 1..5 relays and the state wanted
 * @param origin who asks, for the node's log, e.g. {@code climate-control} or {@code user:wang}
 */
public record RelayCommand(Map<Relay, Boolean> relays, String origin) {

    public RelayCommand {
        Checks.present("relays", relays);
        if (relays.isEmpty()) {
            throw new PayloadException("relays", "names no relay");
        }
        for (Map.Entry<Relay, Boolean> e : relays.entrySet()) {
            Checks.present("relays." + e.getKey(), e.getValue());
        }
        relays = Map.copyOf(relays);
        Checks.text("origin", origin, 64);
    }
}
