package org.storeroom.gateway.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.storeroom.gateway.api.HealthCheck;
import org.storeroom.gateway.api.SubsystemHealth;
import org.storeroom.gateway.api.SubsystemHealth.Status;

class HealthReportTest {
    private static HealthCheck check(String name, SubsystemHealth h) {
        return new HealthCheck() {
            @Override
            public String subsystem() {
                return name;
            }

            @Override
            public SubsystemHealth check() {
                return h;
            }
        };
    }

    private static final List<String> EXPECTED = List.of("store", "device-bus", "uplink");

    @Test
    void shouldBeUpOnlyWhenEveryExpectedSubsystemIsUp() {
        HealthReport r = HealthReport.of(EXPECTED, List.of(
                check("store", SubsystemHealth.up("open", Map.of())),
                check("device-bus", SubsystemHealth.up("45 of 45", Map.of())),
                check("uplink", SubsystemHealth.up("connected", Map.of()))), "1", Instant.EPOCH);
        assertThat(r.status()).isEqualTo(Status.UP);
        assertThat(r.httpStatus()).isEqualTo(200);
    }

    @Test
    void shouldReportAMissingSubsystemAsDownRatherThanLeaveItOut() {
        HealthReport r = HealthReport.of(EXPECTED, List.of(
                check("store", SubsystemHealth.up("open", Map.of())),
                check("device-bus", SubsystemHealth.degraded("44 of 45", Map.of()))), "1", Instant.EPOCH);
        assertThat(r.subsystems()).containsOnlyKeys("store", "device-bus", "uplink");
        assertThat(r.subsystems().get("uplink").status()).isEqualTo(Status.DOWN);
        assertThat(r.subsystems().get("uplink").summary()).contains("not running");
        assertThat(r.status()).isEqualTo(Status.DOWN);
        assertThat(r.httpStatus()).isEqualTo(503);
    }

    @Test
    void shouldTakeTheWorstStatusAndKeepUnexpectedSubsystems() {
        HealthReport r = HealthReport.of(List.of("store"), List.of(
                check("store", SubsystemHealth.up("open", Map.of())),
                check("climate", SubsystemHealth.degraded("sensor 3 stale", Map.of()))), "1", Instant.EPOCH);
        assertThat(r.status()).isEqualTo(Status.DEGRADED);
        assertThat(r.httpStatus()).isEqualTo(200);
        assertThat(r.subsystems()).containsKey("climate");
    }

    @Test
    void shouldReportAThrowingCheckAsDownWithTheReason() {
        HealthCheck broken = new HealthCheck() {
            @Override
            public String subsystem() {
                return "store";
            }

            @Override
            public SubsystemHealth check() {
                throw new IllegalStateException("disk gone");
            }
        };
        HealthReport r = HealthReport.of(List.of("store"), List.of(broken), "1", Instant.EPOCH);
        assertThat(r.subsystems().get("store").status()).isEqualTo(Status.DOWN);
        assertThat(r.subsystems().get("store").summary()).contains("disk gone");
    }
}
