package org.storeroom.shelf.internal.bus;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.storeroom.bus.NodeHealth;
import org.storeroom.shelf.api.NodeLink;
import org.storeroom.shelf.api.NodeLink.Status;

/**
 * Link state of every column node, fed with answers, failures and the passing of time; no I/O. A node
 * is online while its last answer is younger than the freshness limit, offline on a failure or when its
 * answer grows stale. Every method returns the link only when its status changed, so callers log and
 * report changes, not every poll.
 */
final class LinkTracker {
    private final Duration freshness;
    private final SortedMap<Integer, NodeLink> links = new TreeMap<>();

    LinkTracker(Map<Integer, URI> nodes, Duration freshness) {
        this.freshness = freshness;
        nodes.forEach((column, uri) -> links.put(column, new NodeLink(column, uri, Status.UNKNOWN,
                "no answer yet", null, null)));
    }

    synchronized Optional<NodeLink> answered(int column, NodeHealth health, Instant now) {
        NodeLink old = links.get(column);
        if (!health.node().equals("column-" + column)) {
            return failed(column, "answers as " + health.node() + ", expected column-" + column, now);
        }
        NodeLink next = new NodeLink(column, old.uri(), Status.ONLINE, null, now, health);
        links.put(column, next);
        return changed(old, next);
    }

    synchronized Optional<NodeLink> failed(int column, String reason, Instant now) {
        NodeLink old = links.get(column);
        NodeLink next = new NodeLink(column, old.uri(), Status.OFFLINE, reason, old.lastSeen(), old.health());
        links.put(column, next);
        return changed(old, next);
    }

    /** Marks offline every online node whose last answer is older than the freshness limit. */
    synchronized List<NodeLink> expire(Instant now) {
        List<NodeLink> changed = new ArrayList<>();
        for (NodeLink l : List.copyOf(links.values())) {
            if (l.status() == Status.ONLINE && l.lastSeen().plus(freshness).isBefore(now)) {
                failed(l.column(), "no answer for " + Duration.between(l.lastSeen(), now).toMillis() + " ms", now)
                        .ifPresent(changed::add);
            }
        }
        return changed;
    }

    synchronized List<NodeLink> links() {
        return List.copyOf(links.values());
    }

    private static Optional<NodeLink> changed(NodeLink old, NodeLink next) {
        boolean same = old.status() == next.status() && java.util.Objects.equals(old.reason(), next.reason());
        return same ? Optional.empty() : Optional.of(next);
    }
}
