package org.storeroom.node.column;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.storeroom.node.Boards;

/** The encoder on Pi4J's mock platform, its two lines driven as a carriage would drive them. */
class QuadratureEncoderTest {
    /** Levels of (A, B) moving away from the fixed column: A leads. */
    private static final boolean[][] FORWARD = {{false, false}, {true, false}, {true, true}, {false, true}};

    /** Drives the lines one quadrature step at a time and remembers where in the cycle they stand. */
    private static final class Carriage {
        final MockDigitalInput a;
        final MockDigitalInput b;
        int phase;

        Carriage(Context pi4j) {
            a = pi4j.registry().get("c7-encoder-a", MockDigitalInput.class);
            b = pi4j.registry().get("c7-encoder-b", MockDigitalInput.class); // both read low until driven
        }

        void step(boolean forward) {
            int next = Math.floorMod(phase + (forward ? 1 : -1), 4);
            set(next);
        }

        void set(int next) {
            // One line changes per step; it is the only one whose level differs.
            if (FORWARD[next][0] != FORWARD[phase][0]) {
                a.mockState(FORWARD[next][0] ? DigitalState.HIGH : DigitalState.LOW);
            }
            if (FORWARD[next][1] != FORWARD[phase][1]) {
                b.mockState(FORWARD[next][1] ? DigitalState.HIGH : DigitalState.LOW);
            }
            phase = next;
        }
    }

    /** Any walk back and forth: the position is the start plus the net steps, and nothing is a fault. */
    @Property(tries = 200)
    void followsAnyWalkOfTheCarriage(@ForAll @Size(max = 2000) List<Boolean> steps) {
        Context pi4j = Boards.mock();
        try (QuadratureEncoder encoder = new QuadratureEncoder(pi4j, "c7", new QuadratureEncoder.Wiring(17, 27, 0.5), 1800)) {
            Carriage carriage = new Carriage(pi4j);
            long net = 0;
            for (boolean forward : steps) {
                carriage.step(forward);
                net += forward ? 1 : -1;
            }
            assertThat(encoder.count()).isEqualTo(net);
            assertThat(encoder.positionMm()).isEqualTo((int) Math.round(1800 + net * 0.5));
            assertThat(encoder.fault()).isEmpty();
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void aMissedEdgeIsAFaultThatStays() {
        Context pi4j = Boards.mock();
        try (QuadratureEncoder encoder = new QuadratureEncoder(pi4j, "c7", new QuadratureEncoder.Wiring(17, 27, 1.0), 500)) {
            Carriage carriage = new Carriage(pi4j);
            carriage.step(true);
            carriage.step(true);
            assertThat(encoder.positionMm()).isEqualTo(502);
            // A changed twice between two of its events, as hardware too slow for the carriage shows it:
            // the event repeats A's level (high, after two steps). Pi4J's mock dispatches only changes.
            encoder.edge(true, true);
            assertThat(encoder.fault()).hasValueSatisfying(f -> assertThat(f).contains("missed 1 edge").contains("position uncertain"));
            carriage.step(true);
            assertThat(encoder.fault()).as("steps after it do not clear it").isPresent();
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void theHomeSwitchSetsThePositionAndClearsAMissedEdge() {
        Context pi4j = Boards.mock();
        try (QuadratureEncoder encoder = new QuadratureEncoder(pi4j, "c7", new QuadratureEncoder.Wiring(17, 27, 1.0, 22, 0), 900)) {
            Carriage carriage = new Carriage(pi4j);
            carriage.step(false);
            encoder.edge(false, true); // B high again (one step back raised it): an edge pair missed
            assertThat(encoder.fault()).hasValueSatisfying(f -> assertThat(f).contains("bring the carriage to its home stop by hand"));
            // Pushed home by hand: the carriage passes edges the board counts, then closes the switch.
            carriage.step(false);
            pi4j.registry().get("c7-home", MockDigitalInput.class).mockState(DigitalState.HIGH);
            assertThat(encoder.positionMm()).isZero();
            assertThat(encoder.fault()).isEmpty();
            carriage.step(true);
            assertThat(encoder.positionMm()).as("counted from home").isEqualTo(1);
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void refusesWiringThatCannotWork() {
        assertThatThrownBy(() -> new QuadratureEncoder.Wiring(17, 17, 0.5)).hasMessage("encoder channels A and B are both on GPIO line 17");
        assertThatThrownBy(() -> new QuadratureEncoder.Wiring(17, 40, 0.5)).hasMessage("encoder GPIO line 40 is outside 0..27");
        assertThatThrownBy(() -> new QuadratureEncoder.Wiring(17, 27, 0)).hasMessage("encoder travel per count 0.0 mm is outside (0, 10]");
        assertThatThrownBy(() -> new QuadratureEncoder.Wiring(17, 27, 0.5, 27, 0))
                .hasMessage("encoder channels A (17), B (27) and the home switch (27) need three different GPIO lines");
        assertThatThrownBy(() -> new QuadratureEncoder.Wiring(17, 27, 0.5, 22, -5)).hasMessage("home position -5 mm is outside 0..100000");
    }
}
