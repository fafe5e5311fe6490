package org.storeroom.gateway.internal.http;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.storeroom.gateway.api.HealthCheck;
import org.storeroom.gateway.api.SubsystemHealth;
import org.storeroom.gateway.api.SubsystemHealth.Status;

/**
 * The gateway's health: every expected subsystem, plus any other that registered a check. An expected
 * subsystem without a check is down (its component is not running), and a check that throws is down
 * with the reason, so the report never looks better than the truth.
 */
record HealthReport(Status status, String version, Instant time, Map<String, SubsystemHealth> subsystems) {

    static HealthReport of(List<String> expected, List<HealthCheck> checks, String version, Instant now) {
        Map<String, SubsystemHealth> subsystems = new LinkedHashMap<>();
        for (String name : expected) {
            subsystems.put(name, SubsystemHealth.down("not running: no " + name + " component is active", Map.of()));
        }
        for (HealthCheck check : checks) {
            SubsystemHealth h;
            try {
                h = check.check();
                if (h == null) {
                    h = SubsystemHealth.down("health check returned nothing", Map.of());
                }
            } catch (RuntimeException e) {
                h = SubsystemHealth.down("health check failed: " + e, Map.of());
            }
            subsystems.put(check.subsystem(), h);
        }
        Status overall = Status.UP;
        for (SubsystemHealth h : subsystems.values()) {
            overall = overall.worst(h.status());
        }
        return new HealthReport(overall, version, now, subsystems);
    }

    /** HTTP status: 503 only when something is down, so a monitor can tell degraded from broken. */
    int httpStatus() {
        return status == Status.DOWN ? 503 : 200;
    }
}
