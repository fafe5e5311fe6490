package org.storeroom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.storeroom.bus.Detector;
import org.storeroom.bus.DetectorLevel;
import org.storeroom.bus.SensorInputs;
import org.storeroom.testing.Await;

/** The fire scenarios as the simulated sensor boards then report them, one after another. */
class FireScenarioTest {
    @Test
    void specsAreReadOrRefusedByName() {
        assertThat(FireScenario.parse("confirmed-fire@90")).isEqualTo(new FireScenario.Step(FireScenario.CONFIRMED_FIRE, 90));
        assertThat(FireScenario.parse("all-clear@0").scenario()).isEqualTo(FireScenario.ALL_CLEAR);
        assertThatThrownBy(() -> FireScenario.parse("confirmed-fire")).hasMessage(
                "fire scenario 'confirmed-fire' is not NAME@SECONDS, e.g. single-detector@30");
        assertThatThrownBy(() -> FireScenario.parse("fire@1")).hasMessageStartingWith("fire scenario 'fire' is not one of dust-pre-alarm,");
        assertThatThrownBy(() -> FireScenario.parse("gas-release@-3")).hasMessageEndingWith("'-3' is not a number of seconds in 0..86400");
    }

    private static DetectorLevel level(SensorInputs in, String id) {
        return in.detectors().stream().filter(d -> d.id().equals(id)).map(Detector::level).findFirst()
                .orElseThrow(() -> new AssertionError("no detector " + id + " on " + in.node()));
    }

    private static void until(SimulatedClimate c, String what, Predicate<List<SensorInputs>> boards) {
        Await.until(what, 5000, () -> boards.test(List.of(c.board(1).inputs(), c.board(2).inputs(), c.board(3).inputs())));
    }

    @Test
    void eachScenarioSetsEveryFireSignalSoNothingOfTheLastOneStays() {
        try (SimulatedRoom room = SimulatedRoom.startWithClimate(new RoomLayout(2, 0))) {
            SimulatedClimate c = room.climate();
            FireScenario.GAS_RELEASE.play(c);
            until(c, "gas released, two smoke detectors and the aspirating detector at fire", b -> b.get(0).firePanel().gasReleased()
                    && level(b.get(0), "smoke-s1").fire() && level(b.get(1), "smoke-s2").fire() && level(b.get(0), "vesda-s1") == DetectorLevel.FIRE_2);
            FireScenario.DUST_PRE_ALARM.play(c);
            until(c, "only the aspirating detector's alert", b -> !b.get(0).firePanel().fire() && !b.get(0).firePanel().gasReleased()
                    && !level(b.get(0), "smoke-s1").fire() && !level(b.get(1), "smoke-s2").fire()
                    && level(b.get(0), "vesda-s1") == DetectorLevel.ALERT);
            FireScenario.SINGLE_DETECTOR.play(c);
            until(c, "one point detector at fire, nothing else", b -> level(b.get(0), "smoke-s1").fire() && !level(b.get(1), "smoke-s2").fire()
                    && level(b.get(0), "vesda-s1") == DetectorLevel.NORMAL && !b.get(0).firePanel().fire());
            FireScenario.ALL_CLEAR.play(c);
            until(c, "every signal gone", b -> b.stream().allMatch(in -> in.detectors().stream().noneMatch(d -> d.level().fire()
                    || d.level().preAlarm())) && !b.get(0).firePanel().fire());
        }
    }
}
