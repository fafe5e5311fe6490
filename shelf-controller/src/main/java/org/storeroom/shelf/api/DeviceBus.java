package org.storeroom.shelf.api;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;
import org.storeroom.bus.MotionCommand;

/**
 * The gateway's links to the column nodes. Thread-safe. Nothing here blocks: commands complete later,
 * reports arrive through listeners.
 */
@ProviderType
public interface DeviceBus {
    /** @return every configured column node's link, in column order. */
    List<NodeLink> links();

    /** Starts telling {@code l} every state and link change; it first hears each link as it is now. */
    void addListener(DeviceBusListener l);

    void removeListener(DeviceBusListener l);

    /**
     * Sends a motion command to a column node (confirmable, LAN timeouts).
     *
     * @return the node's answer; a timeout or unknown column completes with {@code ok = false}, never exceptionally
     */
    CompletionStage<BusReply> motion(int column, MotionCommand command);

    /** Asks a column node to clear its latched stop (never starts motion). Completes like {@link #motion}. */
    CompletionStage<BusReply> reset(int column);

    /**
     * Lights the guide indicator of a bay/layer on a column (light only, never motion). Completes like
     * {@link #motion}, with no state in the reply.
     */
    CompletionStage<BusReply> guide(int column, org.storeroom.bus.GuideCommand command);
}
