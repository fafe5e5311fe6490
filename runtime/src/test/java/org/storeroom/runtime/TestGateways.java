package org.storeroom.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.storeroom.simulator.SimulatedRoom;

/** The real framework with every bundle, for tests: a fresh data directory, wired to a simulated room if given. */
final class TestGateways {
    private TestGateways() {
    }

    /**
     * @param room  the simulated room the device bus polls quickly (200 ms, fresh for 1 s), or {@code null}
     * @param extra configuration by PID, on top
     */
    static GatewayRuntime start(Path dir, SimulatedRoom room, Map<String, Map<String, Object>> extra) throws Exception {
        DataDirectory data = DataDirectory.check(dir.resolve("data"));
        data.create();
        Map<String, Map<String, Object>> config = new TreeMap<>();
        config.put(Main.PID_STORE, Map.of("database", data.database().toString()));
        if (room != null) {
            Map<String, Object> bus = new LinkedHashMap<>();
            bus.put("columnNodes", room.columnNodesConfig());
            bus.put("pollIntervalMs", 200);
            bus.put("freshnessMs", 1000);
            config.put(Main.PID_DEVICE_BUS, bus);
            if (room.climate() != null) {
                config.put(Main.PID_ENVIRONMENT, Map.of("sensorNodes", room.climate().sensorNodesConfig(), "controlEveryMs", 2000,
                        "freshAirWindows", new String[] {"zone-1=Mon-Fri 10:00-10:30"}));
            }
            if (room.gate() != null) {
                config.put(Main.PID_WAREHOUSE, Map.of("llrpReaders", Main.readersConfig(room), "antennas", Main.antennasConfig(room)));
            }
        }
        config.putAll(extra);
        return GatewayRuntime.start(new GatewayRuntime.Settings(data, new HttpAddress("127.0.0.1", 0), config,
                Duration.ofSeconds(60)));
    }
}
