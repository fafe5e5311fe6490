package org.storeroom.shelf.api;

import java.net.URI;
import java.time.Instant;
import org.storeroom.bus.NodeHealth;

/**
 * The gateway's view of its link to one column node.
 *
 * @param column   column number
 * @param uri      where the node is reached
 * @param status   whether the node answers
 * @param reason   why it is not online (plain words), or {@code null} when online
 * @param lastSeen when the node last answered, or {@code null} if never
 * @param health   what the node last reported, or {@code null} if never
 */
public record NodeLink(int column, URI uri, Status status, String reason, Instant lastSeen, NodeHealth health) {

    /** Link states. A node starts {@link #UNKNOWN} and becomes online or offline on evidence. */
    public enum Status { UNKNOWN, ONLINE, OFFLINE }
}
