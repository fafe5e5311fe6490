package org.storeroom.climate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.storeroom.climate.api.Holdings;
import org.storeroom.climate.core.ZoneControl.Plant;

/** Climate control of a zone: what it does, and what no sequence of readings can make it do. */
class ZoneControlTest {
    private static final long MIN = 60_000;

    @Test
    void psychrometricsMatchTheTables() {
        // 20 °C at 50 %RH has a dew point of 9.3 °C; 25 °C at 60 %: 16.7 °C.
        assertThat(Psychrometrics.dewPoint(20, 50)).isCloseTo(9.3, within(0.1));
        assertThat(Psychrometrics.dewPoint(25, 60)).isCloseTo(16.7, within(0.1));
        assertThat(Psychrometrics.humidityAt(20, Psychrometrics.dewPoint(20, 50))).isCloseTo(50, within(0.01));
    }

    @Test
    void coolsAboveTheSetPointWithHysteresis() {
        ZoneControl z = new ZoneControl(Holdings.PAPER.band(), ZoneControl.Settings.DEFAULT, 0);
        assertThat(z.setCelsius()).isEqualTo(19.0);
        assertThat(z.tick(MIN, 19.5, 52, false).plant()).containsEntry(Plant.COOLING, false);
        ZoneControl.Decision warm = z.tick(2 * MIN, 19.7, 52, false);
        assertThat(warm.plant()).containsEntry(Plant.COOLING, true);
        assertThat(warm.changes()).containsExactly("COOLING on: 19.7 °C, 52 %RH");
        // Inside the hysteresis it keeps cooling; below it, after the minimum run, it stops.
        assertThat(z.tick(8 * MIN, 18.6, 52, false).plant()).containsEntry(Plant.COOLING, true);
        assertThat(z.tick(9 * MIN, 18.3, 52, false).plant()).containsEntry(Plant.COOLING, false);
        assertThat(z.starts()).isEqualTo(1);
    }

    @Test
    void judgesMoistureByTheDewPointNotTheMomentaryRh() {
        ZoneControl z = new ZoneControl(Holdings.PAPER.band(), ZoneControl.Settings.DEFAULT, 0);
        // 17 °C at 57 %RH: the same water at 18.4 °C, the bottom of the cooling swing, is 52 %RH: leave it.
        assertThat(z.tick(MIN, 17, 57, false).plant()).containsEntry(Plant.DEHUMIDIFIER, false);
        // 21 °C at 51.5 %RH is 56 %RH once cooling brings it to 19.6 °C: dehumidify before cooling pushes it up.
        assertThat(z.tick(2 * MIN, 21, 51.5, false).plant()).containsEntry(Plant.DEHUMIDIFIER, true);
    }

    @Test
    void aMissingReadingHoldsThePlantThenTurnsItOff() {
        ZoneControl z = new ZoneControl(Holdings.PAPER.band(), ZoneControl.Settings.DEFAULT, 0);
        z.tick(MIN, 22, 52, false);
        assertThat(z.tick(5 * MIN, Double.NaN, Double.NaN, false).plant()).containsEntry(Plant.COOLING, true);
        ZoneControl.Decision off = z.tick(17 * MIN, Double.NaN, Double.NaN, false);
        assertThat(off.plant()).doesNotContainValue(true);
        assertThat(off.changes()).containsExactly("COOLING off: no usable reading for 16 min: plant off",
                "DEHUMIDIFIER off: no usable reading for 16 min: plant off");
    }

    @Test
    void fireHoldsThePlantOffAtOnceAndAnOverrideExpires() {
        ZoneControl z = new ZoneControl(Holdings.PAPER.band(), ZoneControl.Settings.DEFAULT, 0);
        z.tick(MIN, 22, 58, false);
        ZoneControl.Decision fire = z.tick(MIN + 1000, 22, 58, true);
        assertThat(fire.plant()).doesNotContainValue(true);
        assertThat(fire.changes()).allMatch(c -> c.endsWith("fire: plant held off"));
        z.override(new ZoneControl.Override(Plant.HUMIDIFIER, true, 30 * MIN, "user:wang"));
        assertThat(z.tick(10 * MIN, 19, 52, false).plant()).containsEntry(Plant.HUMIDIFIER, true);
        // Expired: the controller decides again (and 56 %RH is humid enough to stop humidifying).
        assertThat(z.tick(31 * MIN, 19, 56, false).plant()).containsEntry(Plant.HUMIDIFIER, false);
        assertThat(z.overrides()).isEmpty();
    }

    record Tick(long dtMs, double celsius, double humidity, boolean fire) { }

    @Provide
    Arbitrary<List<Tick>> runs() {
        Arbitrary<Tick> tick = Combinators.combine(Arbitraries.longs().between(1_000, 10 * MIN),
                Arbitraries.doubles().between(10, 30).injectDuplicates(0.1),
                Arbitraries.doubles().between(30, 75),
                Arbitraries.integers().between(0, 30))
                .as((dt, t, h, r) -> new Tick(dt, r == 0 ? Double.NaN : t, r == 0 ? Double.NaN : h, r == 1));
        return tick.list().ofMinSize(1).ofMaxSize(200);
    }

    /**
     * Whatever the air does: a compressor never restarts within its minimum off time nor stops within its
     * minimum run (fire excepted), a missing reading switches nothing on, humidifier and dehumidifier never
     * run together, and fire leaves everything off.
     */
    @Property(tries = 1000)
    void neverShortCyclesNorActsOnABadReading(@ForAll("runs") List<Tick> run) {
        ZoneControl.Settings s = ZoneControl.Settings.DEFAULT;
        ZoneControl z = new ZoneControl(Holdings.PAPER.band(), s, 0);
        Map<Plant, Boolean> on = new EnumMap<>(Plant.class);
        Map<Plant, Long> since = new EnumMap<>(Plant.class);
        for (Plant p : Plant.values()) {
            on.put(p, false);
            since.put(p, -s.minOffMs());
        }
        long now = 0;
        for (Tick t : run) {
            now += t.dtMs();
            Map<Plant, Boolean> got = z.tick(now, t.celsius(), t.humidity(), t.fire()).plant();
            assertThat(got.get(Plant.HUMIDIFIER) && got.get(Plant.DEHUMIDIFIER)).isFalse();
            if (t.fire()) {
                assertThat(got).doesNotContainValue(true);
            }
            for (Plant p : Plant.values()) {
                if (got.get(p) == on.get(p)) {
                    continue;
                }
                if (Double.isNaN(t.celsius())) {
                    assertThat(got.get(p)).as("a missing reading switches nothing on").isFalse();
                }
                if (p != Plant.HUMIDIFIER && !t.fire()) {
                    long held = now - since.get(p);
                    assertThat(held).as("%s switched after %d ms", p, held)
                            .isGreaterThanOrEqualTo(on.get(p) ? s.minOnMs() : s.minOffMs());
                }
                on.put(p, got.get(p));
                since.put(p, now);
            }
        }
    }
}
