package org.storeroom.climate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.storeroom.climate.core.FireLinkage.Effect;

/** The fire sequence of ROOM.md, and the properties no sequence of signals and acts may break. */
class FireLinkageTest {
    private static FireSignals detectors(String... fire) {
        return new FireSignals(Set.of(fire), Set.of(), Set.of(), false, false, false);
    }

    @Test
    void oneDetectorHoldsTheShelvesAndAlarmsButLeavesThePlantRunning() {
        FireLinkage l = new FireLinkage();
        FireLinkage.Step s = l.signals(detectors("smoke-zone-2"));
        assertThat(s.stage()).isEqualTo(FireStage.FIRST_ALARM);
        assertThat(s.effects()).containsExactly(new Effect.HoldShelves("detector smoke-zone-2"),
                new Effect.Alarm(FireStage.FIRST_ALARM, "fire-first-alarm", "detector smoke-zone-2"));
    }

    @Test
    void aSecondIndependentDetectorConfirmsAndTurnsThePlantOff() {
        FireLinkage l = new FireLinkage();
        l.signals(detectors("smoke-zone-2"));
        FireLinkage.Step s = l.signals(detectors("smoke-zone-2", "vesda-zone-1"));
        assertThat(s.stage()).isEqualTo(FireStage.CONFIRMED);
        assertThat(s.effects()).containsExactly(new Effect.PlantOff("detector smoke-zone-2, vesda-zone-1"),
                new Effect.ParkShelves("detector smoke-zone-2, vesda-zone-1"), new Effect.Alarm(FireStage.CONFIRMED, "fire-confirmed", "detector smoke-zone-2, vesda-zone-1"));
    }

    @Test
    void theFirePanelConfirmsOnItsOwn() {
        FireLinkage l = new FireLinkage();
        FireLinkage.Step s = l.signals(new FireSignals(Set.of(), Set.of(), Set.of(), true, false, false));
        assertThat(s.stage()).isEqualTo(FireStage.CONFIRMED);
        assertThat(s.effects()).extracting(e -> e.getClass().getSimpleName()).containsExactly("HoldShelves", "PlantOff", "ParkShelves", "Alarm");
    }

    @Test
    void preAlarmsAndFaultsAreRecordedEachTimeAndNeedNoAllClear() {
        FireLinkage l = new FireLinkage();
        FireLinkage.Step s = l.signals(new FireSignals(Set.of(), Set.of("vesda-zone-1"), Set.of("smoke-zone-3"), false, false, false));
        assertThat(s.stage()).isEqualTo(FireStage.PRE_ALARM);
        assertThat(s.effects()).containsExactly(new Effect.Notice("pre-alarm", "vesda-zone-1"), new Effect.Notice("fault", "smoke-zone-3"));
        assertThat(l.signals(FireSignals.NONE).stage()).isEqualTo(FireStage.QUIET);
        // The same dusty detector again is recorded again, not folded away.
        assertThat(l.signals(new FireSignals(Set.of(), Set.of("vesda-zone-1"), Set.of(), false, false, false)).effects())
                .containsExactly(new Effect.Notice("pre-alarm", "vesda-zone-1"));
    }

    @Test
    void onlyAPersonEndsFireModeAndOnlyOnceTheSignalsAreGone() throws Exception {
        FireLinkage l = new FireLinkage();
        l.signals(detectors("smoke-zone-2"));
        assertThatThrownBy(() -> l.allClear("user:wang")).isInstanceOf(FireLinkage.Refused.class)
                .hasMessageContaining("smoke-zone-2");
        assertThat(l.signals(FireSignals.NONE).stage()).as("signals gone: still held").isEqualTo(FireStage.FIRST_ALARM);
        FireLinkage.Step cleared = l.allClear("user:wang");
        assertThat(cleared.stage()).isEqualTo(FireStage.QUIET);
        assertThat(cleared.effects()).containsExactly(new Effect.Recover("user:wang"));
        assertThatThrownBy(() -> l.allClear("user:wang")).hasMessage("there is no fire alarm to clear");
    }

    @Test
    void releasedGasInhibitsEverythingUntilTheKeyReset() throws Exception {
        FireLinkage l = new FireLinkage();
        l.signals(new FireSignals(Set.of("vesda-zone-1"), Set.of(), Set.of(), true, true, true));
        assertThat(l.stage()).isEqualTo(FireStage.GAS_RELEASED);
        l.signals(FireSignals.NONE);
        assertThatThrownBy(() -> l.allClear("user:wang")).hasMessageContaining("key reset");
        assertThat(l.keyReset("key:panel").effects()).containsExactly(new Effect.Recover("key:panel"));
        assertThat(l.stage()).isEqualTo(FireStage.QUIET);
    }

    // --- properties over any sequence of signals and acts ---

    sealed interface Act { }

    record Signals(FireSignals s) implements Act { }

    record AllClear() implements Act { }

    record KeyReset() implements Act { }

    @Provide
    Arbitrary<List<Act>> sequences() {
        Arbitrary<Set<String>> some = Arbitraries.of("smoke-1", "smoke-2", "heat-1", "vesda-1").set().ofMaxSize(3);
        // Fire signals and the panel show in a third of the steps each, so quiet spells come too.
        Arbitrary<FireSignals> signals = Combinators.combine(some, some, some, Arbitraries.integers().between(0, 15),
                        Arbitraries.integers().between(0, 2))
                .as((fire, pre, faulty, panel, withFire) -> new FireSignals(withFire == 0 ? fire : Set.of(), pre, faulty,
                        (panel & 1) != 0 && (panel & 8) != 0, (panel & 2) != 0 && (panel & 8) != 0, (panel & 4) != 0 && (panel & 8) != 0));
        Arbitrary<Act> act = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, signals.map(Signals::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new AllClear())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new KeyReset())));
        return act.list().ofMaxSize(40);
    }

    @Property(tries = 2000)
    void theRoomIsHeldWheneverAFireSignalShowsAndThePlantOffWheneverConfirmed(@ForAll("sequences") List<Act> acts) {
        FireLinkage l = new FireLinkage();
        boolean held = false;
        boolean plantOff = false;
        boolean gasSinceReset = false;
        for (Act a : acts) {
            FireStage before = l.stage();
            List<Effect> effects = new ArrayList<>();
            boolean recovered = false;
            try {
                if (a instanceof Signals s) {
                    effects.addAll(l.signals(s.s()).effects());
                    gasSinceReset |= s.s().gasReleased();
                } else if (a instanceof AllClear) {
                    effects.addAll(l.allClear("user:t").effects());
                    recovered = true;
                } else {
                    effects.addAll(l.keyReset("key:t").effects());
                    recovered = true;
                    gasSinceReset = false;
                }
            } catch (FireLinkage.Refused r) {
                assertThat(l.stage()).as("a refused act changes nothing").isEqualTo(before);
            }
            // The adapters' view, built only from the effects: it must match what the stage demands.
            for (Effect e : effects) {
                if (e instanceof Effect.HoldShelves) {
                    held = true;
                } else if (e instanceof Effect.PlantOff) {
                    plantOff = true;
                } else if (e instanceof Effect.ParkShelves) {
                    assertThat(l.stage()).as("a park is asked for only in a confirmed fire, before any gas").isEqualTo(FireStage.CONFIRMED);
                    assertThat(before.ordinal()).as("and only as the fire becomes confirmed").isLessThan(FireStage.CONFIRMED.ordinal());
                } else if (e instanceof Effect.StopShelves) {
                    assertThat(l.stage()).isEqualTo(FireStage.GAS_RELEASED);
                } else if (e instanceof Effect.Recover) {
                    held = false;
                    plantOff = false;
                }
            }
            FireSignals now = l.signals();
            if (now.anyFire()) {
                assertThat(held).as("a fire signal shows: the shelves are held").isTrue();
                assertThat(l.stage().shelvesHeld()).isTrue();
            }
            if (now.confirmed()) {
                assertThat(plantOff).as("a confirmed fire: the plant is off").isTrue();
            }
            assertThat(held).isEqualTo(l.stage().shelvesHeld());
            assertThat(plantOff).isEqualTo(l.stage().plantOff());
            if (gasSinceReset) {
                assertThat(l.stage()).as("released gas inhibits until the key reset").isEqualTo(FireStage.GAS_RELEASED);
            }
            if (l.stage() == FireStage.GAS_RELEASED && before != FireStage.GAS_RELEASED) {
                assertThat(effects).as("gas out: every column stopped again, a fire park included")
                        .anyMatch(Effect.StopShelves.class::isInstance);
            }
            if (!recovered && before.shelvesHeld()) {
                assertThat(l.stage().ordinal()).as("the stage does not fall by itself from %s", before)
                        .isGreaterThanOrEqualTo(before.ordinal());
            }
        }
    }

    @Property(tries = 500)
    void everyNewPreAlarmAndFaultIsRecorded(@ForAll("sequences") List<Act> acts) throws Exception {
        FireLinkage l = new FireLinkage();
        Set<String> pre = new HashSet<>();
        Set<String> faults = new HashSet<>();
        for (Act a : acts) {
            if (a instanceof Signals s) {
                List<Effect> effects = l.signals(s.s()).effects();
                for (String d : s.s().preAlarm()) {
                    if (!pre.contains(d)) {
                        assertThat(effects).contains(new Effect.Notice("pre-alarm", d));
                    }
                }
                for (String d : s.s().faulty()) {
                    if (!faults.contains(d)) {
                        assertThat(effects).contains(new Effect.Notice("fault", d));
                    }
                }
                pre = new HashSet<>(s.s().preAlarm());
                faults = new HashSet<>(s.s().faulty());
            }
        }
    }
}
