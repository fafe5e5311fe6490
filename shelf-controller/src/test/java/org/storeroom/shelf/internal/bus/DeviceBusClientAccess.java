package org.storeroom.shelf.internal.bus;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.SortedMap;

/** Lets tests of other packages start a real bus client with test timings. */
public final class DeviceBusClientAccess {
    private DeviceBusClientAccess() {
    }

    public static DeviceBusClient start(SortedMap<Integer, URI> nodes, Duration poll, Duration freshness, Clock clock) {
        return new DeviceBusClient(new DeviceBusSettings(nodes, poll, freshness, 100, 2), clock);
    }
}
