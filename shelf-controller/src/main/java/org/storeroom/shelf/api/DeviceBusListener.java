package org.storeroom.shelf.api;

import org.osgi.annotation.versioning.ConsumerType;
import org.storeroom.bus.ColumnState;

/**
 * Hears what the column nodes report. Called on the bus's own thread: return at once (hand the event to
 * your own thread), never block, never throw.
 */
@ConsumerType
public interface DeviceBusListener {
    /** A column node notified its state (Observe), or answered a command with it. */
    void onState(int column, ColumnState state);

    /** A column node's link changed. */
    void onLink(NodeLink link);
}
