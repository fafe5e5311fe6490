package org.storeroom.bus;

import java.util.List;

/**
 * What every node reports on {@code /health}.
 *
 * @param node     node identifier, e.g. {@code column-7} or {@code sensor-2}
 * @param kind     what the node is
 * @param firmware firmware version
 * @param boot     random identifier chosen at node start (same as in the node's state)
 * @param uptimeMs time since the node started
 * @param faults   active faults; empty means healthy
 */
public record NodeHealth(String node, NodeKind kind, String firmware, long boot, long uptimeMs, List<String> faults) {

    public NodeHealth {
        Checks.text("node", node, 64);
        Checks.present("kind", kind);
        Checks.text("firmware", firmware, 64);
        Checks.atLeast("uptimeMs", uptimeMs, 0);
        faults = Checks.texts("faults", faults, 32, 200);
    }

    /** @return whether the node reports no fault. */
    public boolean healthy() {
        return faults.isEmpty();
    }
}
