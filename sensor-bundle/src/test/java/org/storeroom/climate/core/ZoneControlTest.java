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
import org.storeroom.climate.api.ClimateBand;
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
        // 19.3 °C at 54 %RH: inside the cooling swing, judged as it is: leave it.
        assertThat(z.tick(MIN, 19.3, 54, false).plant()).containsEntry(Plant.DEHUMIDIFIER, false);
        // 21 °C at 51.5 %RH is 56 %RH once cooling brings it to 19.6 °C: dehumidify before cooling pushes it up.
        assertThat(z.tick(2 * MIN, 21, 51.5, false).plant()).containsEntry(Plant.DEHUMIDIFIER, true);
    }

    @Test
    void aColdRoomIsJudgedByTheHumidityItHas() {
        ZoneControl z = new ZoneControl(Holdings.PAPER.band(), ZoneControl.Settings.DEFAULT, 0);
        // An unheated winter room at 15 °C and 57 %RH: the same water at 18.4 °C would be 46 %RH, but nothing
        // warms the room; its paper is at 57 %: dry it, never humidify it.
        ZoneControl.Decision cold = z.tick(MIN, 15, 57, false);
        assertThat(cold.plant()).containsEntry(Plant.DEHUMIDIFIER, true).containsEntry(Plant.HUMIDIFIER, false);
        // And at 15 °C and 48 %RH it is dry: humidify.
        ZoneControl dry = new ZoneControl(Holdings.PAPER.band(), ZoneControl.Settings.DEFAULT, 0);
        assertThat(dry.tick(MIN, 15, 48, false).plant()).containsEntry(Plant.HUMIDIFIER, true).containsEntry(Plant.DEHUMIDIFIER, false);
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

    record Tick(long dtMs, double celsius, double humidity, boolean fire, boolean window, ZoneControl.Outside outside) { }

    @Provide
    Arbitrary<List<Tick>> runs() {
        Arbitrary<ZoneControl.Outside> outside = Arbitraries.oneOf(Arbitraries.just(ZoneControl.Outside.UNKNOWN),
                Combinators.combine(Arbitraries.doubles().between(-4, 30), Arbitraries.doubles().between(15, 100))
                        .as(ZoneControl.Outside::new));
        Arbitrary<Tick> tick = Combinators.combine(Arbitraries.longs().between(1_000, 10 * MIN),
                Arbitraries.doubles().between(10, 30).injectDuplicates(0.1),
                Arbitraries.doubles().between(30, 75),
                Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 3),
                outside)
                .as((dt, t, h, r, w, o) -> new Tick(dt, r == 0 ? Double.NaN : t, r == 0 ? Double.NaN : h, r == 1, w > 0, o));
        // Half the runs jump anywhere; in the other half the room drifts slowly, so fresh air gets its chance.
        Arbitrary<List<Tick>> raw = tick.list().ofMinSize(1).ofMaxSize(200);
        return Arbitraries.oneOf(raw, raw.map(ZoneControlTest::drift));
    }

    private static List<Tick> drift(List<Tick> ticks) {
        List<Tick> out = new java.util.ArrayList<>(ticks.size());
        double t = 19;
        double h = 52;
        for (Tick k : ticks) {
            if (Double.isNaN(k.celsius())) {
                out.add(k);
                continue;
            }
            t = Math.max(10, Math.min(30, t + (k.celsius() - 20) / 60));
            h = Math.max(30, Math.min(75, h + (k.humidity() - 52.5) / 60));
            out.add(new Tick(k.dtMs(), t, h, k.fire(), k.window(), k.outside()));
        }
        return out;
    }

    /**
     * Whatever the air does: a compressor never restarts within its minimum off time nor stops within its
     * minimum run (fire excepted), a missing reading switches nothing on, humidifier and dehumidifier never
     * run together, and fire leaves everything off.
     */
    @Test
    void theDailySwingMakesThePlantActSooner() {
        ZoneControl z = new ZoneControl(Holdings.PAPER.band(), ZoneControl.Settings.DEFAULT, 0);
        // A cold night at 16 °C, then the morning warms the room to 19.2 °C: inside the hysteresis (cooling
        // would start at 19.6), but 3.2 °C above the day's lowest, three quarters of the ±2 °C allowed.
        for (long m = 1; m <= 8 * 60; m += 10) {
            assertThat(z.tick(m * MIN, 16, 52, false).plant()).containsEntry(Plant.COOLING, false);
        }
        ZoneControl.Decision morning = z.tick(8 * 60 * MIN + MIN, 19.2, 52, false);
        assertThat(morning.plant()).containsEntry(Plant.COOLING, true);
        assertThat(morning.changes()).containsExactly("COOLING on: daily swing: 3.2 °C above the day's lowest; cooling sooner");
        // A day later the cold night has left the window: 19.2 °C is inside the hysteresis again.
        ZoneControl later = new ZoneControl(Holdings.PAPER.band(), ZoneControl.Settings.DEFAULT, 0);
        later.tick(MIN, 16, 52, false);
        for (long h = 1; h <= 25; h++) {
            later.tick(h * 60 * MIN, 18.8, 52, false);
        }
        assertThat(later.tick(26 * 60 * MIN, 19.2, 52, false).plant()).containsEntry(Plant.COOLING, false);
    }

    @Test
    void theDailySwingNeverTakesTheAirOutOfItsBand() {
        ZoneControl z = new ZoneControl(Holdings.PAPER.band(), ZoneControl.Settings.DEFAULT, 0);
        // Humid all day at 58 %RH, then the air dries to 47 %: 11 % below the day's highest, but
        // humidifying sooner is fine only while it keeps the air in band; at 45.5 % nothing pushes it lower.
        for (long m = 1; m <= 6 * 60; m += 10) {
            z.tick(m * MIN, 19, 58, false);
        }
        ZoneControl.Decision dry = z.tick(6 * 60 * MIN + MIN, 19, 50, false);
        assertThat(dry.plant()).containsEntry(Plant.HUMIDIFIER, true).containsEntry(Plant.DEHUMIDIFIER, false);
        assertThat(dry.changes()).anyMatch(c -> c.startsWith("DEHUMIDIFIER off: daily swing:") || c.startsWith("HUMIDIFIER on: daily swing:"));
        // The cold side: a warm day at 23 °C, now 17 °C: cooling stops for the swing (the band's top is far).
        ZoneControl warm = new ZoneControl(Holdings.PAPER.band(), ZoneControl.Settings.DEFAULT, 0);
        for (long m = 1; m <= 60; m += 5) {
            warm.tick(m * MIN, 23, 52, false);
        }
        assertThat(warm.tick(61 * MIN, 17, 52, false).plant()).containsEntry(Plant.COOLING, false);
        // Out of band below, a cold night at 10 °C and now 13.2 °C: cooling for the swing would keep the
        // room out of band, so it does not start.
        ZoneControl cold = new ZoneControl(Holdings.PAPER.band(), ZoneControl.Settings.DEFAULT, 0);
        for (long m = 1; m <= 60; m += 5) {
            cold.tick(m * MIN, 10, 52, false);
        }
        assertThat(cold.tick(61 * MIN, 13.2, 52, false).plant()).containsEntry(Plant.COOLING, false);
    }

    /**
     * Whatever the air does: a compressor never restarts within its minimum off time nor stops within its
     * minimum run (fire excepted), a missing reading switches nothing on, humidifier and dehumidifier never
     * run together, fire leaves everything off, and fresh air runs only inside a window, on a usable
     * reading, with the room inside its band's margins and outside air that is neither wetter nor too warm
     * or cold.
     */
    @Property(tries = 1000)
    void neverShortCyclesNorActsOnABadReading(@ForAll("runs") List<Tick> run) {
        ZoneControl.Settings s = ZoneControl.Settings.DEFAULT;
        ClimateBand band = Holdings.PAPER.band();
        ZoneControl z = new ZoneControl(band, s, 0);
        Map<Plant, Boolean> on = new EnumMap<>(Plant.class);
        Map<Plant, Long> since = new EnumMap<>(Plant.class);
        for (Plant p : Plant.values()) {
            on.put(p, false);
            since.put(p, -s.minOffMs());
        }
        long now = 0;
        for (Tick t : run) {
            now += t.dtMs();
            Map<Plant, Boolean> got = z.tick(now, t.celsius(), t.humidity(), t.fire(), t.window(), t.outside()).plant();
            assertThat(got.get(Plant.HUMIDIFIER) && got.get(Plant.DEHUMIDIFIER)).isFalse();
            if (t.fire()) {
                assertThat(got).doesNotContainValue(true);
            }
            if (got.get(Plant.FRESH_AIR)) {
                assertThat(t.window()).as("fresh air outside its window").isTrue();
                assertThat(t.celsius()).as("fresh air without a reading").isNotNaN();
                double m = ZoneControl.FRESH_AIR_MARGIN_CELSIUS / 2;
                double mh = ZoneControl.FRESH_AIR_MARGIN_HUMIDITY / 2;
                assertThat(t.celsius()).isBetween(band.minCelsius() + m, band.maxCelsius() - m);
                assertThat(t.humidity()).isBetween(band.minHumidity() + mh, band.maxHumidity() - mh);
                if (t.outside().known()) {
                    assertThat(Psychrometrics.dewPoint(t.outside().celsius(), t.outside().humidity()))
                            .as("fresh air from wetter air").isLessThanOrEqualTo(Psychrometrics.dewPoint(t.celsius(), t.humidity()));
                    assertThat(t.outside().celsius()).isBetween(band.minCelsius() - 5, band.maxCelsius());
                }
            }
            for (Plant p : Plant.values()) {
                if (got.get(p) == on.get(p)) {
                    continue;
                }
                if (Double.isNaN(t.celsius())) {
                    assertThat(got.get(p)).as("a missing reading switches nothing on").isFalse();
                }
                if (p.compressor() && !t.fire()) {
                    long held = now - since.get(p);
                    assertThat(held).as("%s switched after %d ms", p, held)
                            .isGreaterThanOrEqualTo(on.get(p) ? s.minOnMs() : s.minOffMs());
                }
                on.put(p, got.get(p));
                since.put(p, now);
            }
        }
    }

    @Test
    void freshAirRunsInItsWindowOnlyWhileItDoesNoHarm() {
        ZoneControl z = new ZoneControl(Holdings.PAPER.band(), ZoneControl.Settings.DEFAULT, 0);
        ZoneControl.Outside dryCool = new ZoneControl.Outside(15, 40);
        assertThat(z.tick(MIN, 19, 54, false, false, dryCool).plant()).containsEntry(Plant.FRESH_AIR, false);
        ZoneControl.Decision open = z.tick(2 * MIN, 19, 54, false, true, dryCool);
        assertThat(open.plant()).containsEntry(Plant.FRESH_AIR, true);
        assertThat(open.changes()).containsExactly("FRESH_AIR on: scheduled fresh-air window, outside 15.0 °C 40 %RH");
        // Not bound by minimum times: the window ends, the dampers close a second later.
        ZoneControl.Decision over = z.tick(2 * MIN + 1000, 19, 54, false, false, dryCool);
        assertThat(over.changes()).containsExactly("FRESH_AIR off: fresh-air window over");
        // Wetter outside air is never let in.
        ZoneControl.Decision wet = z.tick(3 * MIN, 19, 54, false, true, new ZoneControl.Outside(18, 90));
        assertThat(wet.plant()).containsEntry(Plant.FRESH_AIR, false);
        // Too warm (above the band's top) or too cold (5 °C below its bottom) neither.
        assertThat(z.tick(4 * MIN, 19, 54, false, true, new ZoneControl.Outside(25, 20)).plant()).containsEntry(Plant.FRESH_AIR, false);
        assertThat(z.tick(5 * MIN, 19, 54, false, true, new ZoneControl.Outside(-2, 60)).plant()).containsEntry(Plant.FRESH_AIR, false);
        // Unmeasured outside air: judged on the room alone.
        assertThat(z.tick(6 * MIN, 19, 54, false, true, ZoneControl.Outside.UNKNOWN).plant()).containsEntry(Plant.FRESH_AIR, true);
        // The room grows damp towards its top (60 %RH): fresh air keeps running to 58.5 %, stops beyond it.
        assertThat(z.tick(7 * MIN, 19, 57.5, false, true, ZoneControl.Outside.UNKNOWN).plant()).containsEntry(Plant.FRESH_AIR, true);
        ZoneControl.Decision edge = z.tick(8 * MIN, 19, 58.6, false, true, ZoneControl.Outside.UNKNOWN);
        assertThat(edge.plant()).containsEntry(Plant.FRESH_AIR, false);
        assertThat(edge.changes()).contains("FRESH_AIR off: fresh air held: the room (19.0 °C, 59 %RH) is near the edge of its band");
        // And does not start again until 3 %RH inside it.
        assertThat(z.tick(9 * MIN, 19, 57.5, false, true, ZoneControl.Outside.UNKNOWN).plant()).containsEntry(Plant.FRESH_AIR, false);
        // A missing reading closes the dampers; fire holds them closed.
        z.tick(10 * MIN, 19, 54, false, true, ZoneControl.Outside.UNKNOWN);
        ZoneControl.Decision blind = z.tick(11 * MIN, Double.NaN, Double.NaN, false, true, ZoneControl.Outside.UNKNOWN);
        assertThat(blind.changes()).contains("FRESH_AIR off: no usable reading: fresh air closed");
        z.tick(12 * MIN, 19, 54, false, true, ZoneControl.Outside.UNKNOWN);
        assertThat(z.tick(13 * MIN, 19, 54, true, true, ZoneControl.Outside.UNKNOWN).plant()).doesNotContainValue(true);
        // A person may open the dampers outside any window; the override holds until it expires.
        z.override(new ZoneControl.Override(Plant.FRESH_AIR, true, 20 * MIN, "user:li"));
        assertThat(z.tick(14 * MIN, 19, 54, false, false, ZoneControl.Outside.UNKNOWN).changes())
                .containsExactly("FRESH_AIR on: override by user:li");
        assertThat(z.tick(21 * MIN, 19, 54, false, false, ZoneControl.Outside.UNKNOWN).plant()).containsEntry(Plant.FRESH_AIR, false);
        assertThat(z.starts()).as("the dehumidifier's start at 58.6 %%RH; fresh air is no compressor").isEqualTo(1);
    }
}
