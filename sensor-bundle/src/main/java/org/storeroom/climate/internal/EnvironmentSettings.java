package org.storeroom.climate.internal;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.storeroom.climate.api.Holdings;
import org.storeroom.climate.core.FreshAirSchedule;
import org.storeroom.climate.core.Protections;

/**
 * The environment's configuration, checked: each bad entry is an error naming it and its value.
 *
 * @param nodes          sensor node id to its CoAP URI
 * @param zones          zone to the holdings it keeps
 * @param silentMs       a node not heard for this long is a fault
 * @param control        whether the plant is switched from the readings
 * @param controlEveryMs how often each zone's plant is decided
 * @param freshAir       when each zone may take in fresh air
 * @param outsideZone    the zone name of boards that measure the outside air (never controlled), or empty
 */
record EnvironmentSettings(SortedMap<String, URI> nodes, Map<String, Holdings> zones, long silentMs, boolean control, long controlEveryMs,
        java.util.List<Protections.Item> protections, Map<String, org.storeroom.bus.BusSecurity.Psk> keys, FreshAirSchedule freshAir,
        String outsideZone) {

    EnvironmentSettings(SortedMap<String, URI> nodes, Map<String, Holdings> zones, long silentMs, boolean control, long controlEveryMs,
            java.util.List<Protections.Item> protections) {
        this(nodes, zones, silentMs, control, controlEveryMs, protections, Map.of(), FreshAirSchedule.NONE, "");
    }

    EnvironmentSettings {
        for (String z : freshAir.zones()) {
            if (!zones.containsKey(z)) {
                throw new IllegalArgumentException("fresh-air window for zone '" + z + "': no such zone (zones: " + zones.keySet() + ")");
            }
        }
        if (zones.containsKey(outsideZone)) {
            throw new IllegalArgumentException("outside air zone '" + outsideZone + "' is a controlled zone; name the boards outside differently");
        }
        keys = Map.copyOf(keys);
        nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
        zones = Collections.unmodifiableMap(new LinkedHashMap<>(zones));
        protections = java.util.List.copyOf(protections);
    }

    /** Settings with the default checklist. */
    EnvironmentSettings(SortedMap<String, URI> nodes, Map<String, Holdings> zones, long silentMs, boolean control, long controlEveryMs) {
        this(nodes, zones, silentMs, control, controlEveryMs, Protections.DEFAULT);
    }

    static EnvironmentSettings from(EnvironmentConfig c) {
        SortedMap<String, URI> nodes = new TreeMap<>();
        for (String e : c.sensorNodes()) {
            if (e == null || e.isBlank()) {
                continue;
            }
            String[] kv = e.trim().split("=", 2);
            if (kv.length != 2 || !kv[0].matches("[a-z0-9-]{1,64}")) {
                throw new IllegalArgumentException("sensor node entry '" + e + "' is not NODE=coap://HOST:PORT");
            }
            URI uri;
            try {
                uri = new URI(kv[1].trim());
            } catch (java.net.URISyntaxException x) {
                throw new IllegalArgumentException("sensor node " + kv[0] + ": '" + kv[1] + "' is not a URI");
            }
            if (!"coap".equals(uri.getScheme()) && !"coaps".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("sensor node " + kv[0] + ": '" + kv[1] + "' is not coap://HOST:PORT or coaps://HOST:PORT");
            }
            nodes.put(kv[0], uri);
        }
        Map<String, Holdings> zones = new LinkedHashMap<>();
        for (String e : c.zones()) {
            if (e == null || e.isBlank()) {
                continue;
            }
            String[] kv = e.trim().split("=", 2);
            if (kv.length != 2 || !kv[0].matches("[a-z0-9-]{1,64}")) {
                throw new IllegalArgumentException("zone entry '" + e + "' is not ZONE=HOLDINGS");
            }
            try {
                zones.put(kv[0], Holdings.valueOf(kv[1].trim()));
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("zone " + kv[0] + ": holdings '" + kv[1] + "' is not one of "
                        + java.util.Arrays.toString(Holdings.values()));
            }
        }
        return new EnvironmentSettings(nodes, zones, c.silentMs(), c.control(), c.controlEveryMs(), Protections.parse(c.protections()),
                c.pskFile().isBlank() ? Map.of() : org.storeroom.bus.BusSecurity.readKeys(java.nio.file.Path.of(c.pskFile().trim())),
                FreshAirSchedule.parse(c.freshAirWindows()), c.outsideZone().trim());
    }
}
