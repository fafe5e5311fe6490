package org.storeroom.climate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.storeroom.climate.api.Holdings;
import org.storeroom.climate.core.ExcursionCause;
import org.storeroom.gateway.internal.store.SqliteStore;

/** Minutes fold into hours, old minutes go, and a month's compliance is counted from the hours. */
class ClimateHistoryTest {
    private static final long H = ClimateHistory.HOUR;

    @Test
    void minutesFoldIntoHourlyMeansAndCompliance() throws Exception {
        SqliteStore store = SqliteStore.open(Files.createTempDirectory("hist").resolve("g.db"), "NORMAL");
        try {
            store.migrate("climate", ClimateHistory.SCHEMA);
            long base = 1_790_000_000_000L / H * H;
            store.write(c -> {
                for (int hour = 0; hour < 4; hour++) {
                    for (int m = 0; m < 60; m++) {
                        // The third hour is damp: 62 %RH, the door open for its first half hour, the dehumidifiers
                        // running all along (the humidifier's few minutes do not explain damp air).
                        int causes = hour != 2 ? 0 : (m < 30 ? ExcursionCause.DOOR_OPEN.bit() : 0) | ExcursionCause.DEHUMIDIFIER_RAN.bit()
                                | (m == 59 ? ExcursionCause.HUMIDIFIER_RAN.bit() : 0);
                        ClimateHistory.minute(c, "zone-1", base + hour * H + m * 60_000L, 19 + m / 600.0, hour == 2 ? 62 : 52, causes);
                    }
                    ClimateHistory.roll(c, base + (hour + 1) * H + 1);
                }
                return null;
            });
            List<Map<String, Object>> hourly = store.read(c -> ClimateHistory.series(c, "zone-1", base - 100 * H, base + 4 * H));
            assertThat(hourly).hasSize(4);
            assertThat((Double) hourly.get(0).get("celsius")).isEqualTo(19.05);
            Map<String, Object> compliance = store.read(c -> ClimateHistory.compliance(c, "zone-1", Holdings.PAPER.band(), base, base + 4 * H, false));
            assertThat(compliance).containsEntry("hours", 4L).containsEntry("hoursInBand", 3L).containsEntry("inBandPct", 75.0);
            Map<?, ?> worst = (Map<?, ?>) ((List<?>) compliance.get("worst")).get(0);
            assertThat(worst.get("what")).isEqualTo("too damp");
            assertThat(worst.get("causes")).isEqualTo(List.of("DOOR_OPEN", "DEHUMIDIFIER_RAN"));
            assertThat(worst.get("why")).isEqualTo("库房门开着；除湿机在运行但除不下来");
            Map<String, Object> english = store.read(c -> ClimateHistory.compliance(c, "zone-1", Holdings.PAPER.band(), base, base + 4 * H, true));
            assertThat(((Map<?, ?>) ((List<?>) english.get("worst")).get(0)).get("why"))
                    .isEqualTo("a door stood open; the dehumidifiers ran and could not keep up");
            // Thirty days on, the minutes are gone and the hours stay.
            store.write(c -> {
                ClimateHistory.roll(c, base + 31L * 24 * H);
                return null;
            });
            List<Map<String, Object>> minutes = store.read(c -> ClimateHistory.series(c, "zone-1", base, base + 4 * H));
            assertThat(minutes).isEmpty();
            List<Map<String, Object>> hours = store.read(c -> ClimateHistory.series(c, "zone-1", base - 100 * H, base + 4 * H));
            assertThat(hours).hasSize(4);
        } finally {
            store.close();
        }
    }

    @Test
    void theTwiceDailyRecordIsDueWhenAPeriodCrossesNineOrFifteen() {
        java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
        long nine = java.time.ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, shanghai).toInstant().toEpochMilli();
        assertThat(EnvironmentComponent.recordCrossed(nine - 61_000, nine - 1_000, shanghai)).isFalse();
        assertThat(EnvironmentComponent.recordCrossed(nine - 30_000, nine + 31_000, shanghai)).as("a period stepping over 09:00").isTrue();
        assertThat(EnvironmentComponent.recordCrossed(nine, nine + 60_000, shanghai)).as("09:00 itself was the last tick").isFalse();
        long fifteen = nine + 6 * H;
        assertThat(EnvironmentComponent.recordCrossed(fifteen - 1, fifteen, shanghai)).isTrue();
        long midnight = nine - 9 * H;
        assertThat(EnvironmentComponent.recordCrossed(midnight - 60_000, midnight + 60_000, shanghai)).isFalse();
    }

    @Test
    void badSettingsNameTheEntry() {
        assertThatThrownBy(() -> EnvironmentSettings.from(config(new String[] {"sensor-1=http://x:1"}, new String[] {"zone-1=PAPER"})))
                .hasMessage("sensor node sensor-1: 'http://x:1' is not coap://HOST:PORT or coaps://HOST:PORT");
        assertThatThrownBy(() -> EnvironmentSettings.from(config(new String[] {}, new String[] {"zone-1=PARCHMENT"})))
                .hasMessageStartingWith("zone zone-1: holdings 'PARCHMENT' is not one of");
        assertThat(EnvironmentSettings.from(config(new String[] {"sensor-2=coap://127.0.2.2:5683", " "}, new String[] {"zone-2=FILM_MASTERS"}))
                .zones()).containsEntry("zone-2", Holdings.FILM_MASTERS);
        assertThat(EnvironmentSettings.from(config(new String[] {}, new String[] {"zone-1=PAPER"})).protections())
                .extracting(i -> i.id() + "/" + i.everyDays()).containsExactly("fire/0", "pests/14");
        EnvironmentSettings fresh = EnvironmentSettings.from(config(new String[] {}, new String[] {"zone-1=PAPER"},
                new String[] {"zone-1=Mon-Fri 10:00-10:30"}, " outside "));
        assertThat(fresh.freshAir().windows("zone-1")).hasSize(1);
        assertThat(fresh.outsideZone()).isEqualTo("outside");
        assertThatThrownBy(() -> EnvironmentSettings.from(config(new String[] {}, new String[] {"zone-1=PAPER"},
                new String[] {"zone-9=10:00-10:30"}, "outside")))
                .hasMessage("fresh-air window for zone 'zone-9': no such zone (zones: [zone-1])");
        assertThatThrownBy(() -> EnvironmentSettings.from(config(new String[] {}, new String[] {"zone-1=PAPER"}, new String[] {}, "zone-1")))
                .hasMessage("outside air zone 'zone-1' is a controlled zone; name the boards outside differently");
    }

    private static EnvironmentConfig config(String[] nodes, String[] zones) {
        return config(nodes, zones, new String[] {}, "outside");
    }

    private static EnvironmentConfig config(String[] nodes, String[] zones, String[] windows, String outside) {
        return new EnvironmentConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EnvironmentConfig.class;
            }

            @Override
            public String[] sensorNodes() {
                return nodes;
            }

            @Override
            public String[] zones() {
                return zones;
            }

            @Override
            public int silentMs() {
                return 15000;
            }

            @Override
            public boolean control() {
                return true;
            }

            @Override
            public int controlEveryMs() {
                return 60000;
            }

            @Override
            public String pskFile() {
                return "";
            }

            @Override
            public String[] protections() {
                return new String[] {"fire=FIRE|防火|fire", "pests=INSPECTION:14|防虫|pests"};
            }

            @Override
            public String[] freshAirWindows() {
                return windows;
            }

            @Override
            public String outsideZone() {
                return outside;
            }
        };
    }
}
