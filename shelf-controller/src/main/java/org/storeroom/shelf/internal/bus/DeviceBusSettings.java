package org.storeroom.shelf.internal.bus;

import java.net.URI;
import java.time.Duration;
import java.util.SortedMap;

/** The device bus configuration, validated once; each failure names the setting and the value. */
record DeviceBusSettings(SortedMap<Integer, URI> nodes, Duration pollInterval, Duration freshness,
        int ackTimeoutMs, int maxRetransmit, java.util.Map<String, org.storeroom.bus.BusSecurity.Psk> keys) {

    /** Settings for plain CoAP only. */
    DeviceBusSettings(SortedMap<Integer, URI> nodes, Duration pollInterval, Duration freshness, int ackTimeoutMs, int maxRetransmit) {
        this(nodes, pollInterval, freshness, ackTimeoutMs, maxRetransmit, java.util.Map.of());
    }

    DeviceBusSettings {
        keys = java.util.Map.copyOf(keys);
        for (java.util.Map.Entry<Integer, URI> n : nodes.entrySet()) {
            if ("coaps".equals(n.getValue().getScheme()) && !keys.containsKey("column-" + n.getKey())) {
                throw new IllegalArgumentException("column " + n.getKey() + " is reached over coaps but the key file has no key for column-"
                        + n.getKey());
            }
        }
        if (pollInterval.toMillis() < 100 || pollInterval.toMillis() > 60_000) {
            throw new IllegalArgumentException("pollIntervalMs " + pollInterval.toMillis() + " is outside 100..60000");
        }
        if (freshness.compareTo(pollInterval) <= 0) {
            throw new IllegalArgumentException("freshnessMs " + freshness.toMillis()
                    + " must be longer than pollIntervalMs " + pollInterval.toMillis());
        }
        if (ackTimeoutMs < 10 || ackTimeoutMs > 10_000) {
            throw new IllegalArgumentException("ackTimeoutMs " + ackTimeoutMs + " is outside 10..10000");
        }
        if (maxRetransmit < 0 || maxRetransmit > 8) {
            throw new IllegalArgumentException("maxRetransmit " + maxRetransmit + " is outside 0..8");
        }
    }

    static DeviceBusSettings from(DeviceBusConfig c) {
        return new DeviceBusSettings(NodeAddressBook.parse(c.columnNodes()), Duration.ofMillis(c.pollIntervalMs()),
                Duration.ofMillis(c.freshnessMs()), c.ackTimeoutMs(), c.maxRetransmit(),
                c.pskFile().isBlank() ? java.util.Map.of() : org.storeroom.bus.BusSecurity.readKeys(java.nio.file.Path.of(c.pskFile().trim())));
    }
}
