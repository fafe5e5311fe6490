package org.storeroom.rfid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.storeroom.rfid.api.Epc;

class DoorGateTest {
    private static final Epc BOX = new Epc("E28011600000000000000001");

    @Test
    void insideThenOutsideIsOutOnceAndTheReverseIsIn() {
        DoorGate gate = new DoorGate();
        assertThat(gate.read(BOX, DoorGate.Side.INSIDE, 0)).isNull();
        assertThat(gate.read(BOX, DoorGate.Side.INSIDE, 300)).isNull();
        assertThat(gate.read(BOX, DoorGate.Side.OUTSIDE, 900)).isEqualTo(DoorGate.Direction.OUT);
        assertThat(gate.read(BOX, DoorGate.Side.OUTSIDE, 1200)).isNull();
        // Back in much later.
        assertThat(gate.read(BOX, DoorGate.Side.OUTSIDE, 60_000)).isNull();
        assertThat(gate.read(BOX, DoorGate.Side.INSIDE, 61_000)).isEqualTo(DoorGate.Direction.IN);
    }

    @Test
    void tooSlowFromOneAntennaToTheOtherIsNoPassage() {
        DoorGate gate = new DoorGate();
        gate.read(BOX, DoorGate.Side.INSIDE, 0);
        assertThat(gate.read(BOX, DoorGate.Side.OUTSIDE, DoorGate.WINDOW_MS + 1)).isNull();
    }

    /** A box standing by the door, read by one antenna only, however often, never passes. */
    @Property(tries = 100)
    void readsOnOneSideOnlyNeverMakeAPassage(@ForAll boolean inside, @ForAll @IntRange(min = 1, max = 300) int reads) {
        DoorGate gate = new DoorGate();
        for (int i = 0; i < reads; i++) {
            assertThat(gate.read(BOX, inside ? DoorGate.Side.INSIDE : DoorGate.Side.OUTSIDE, i * 97L)).isNull();
        }
    }

    /** A box read alternately by both antennas (lying between them) passes at most once per approach. */
    @Property(tries = 100)
    void aBoxBetweenTheAntennasDoesNotFlap(@ForAll @IntRange(min = 2, max = 300) int reads) {
        DoorGate gate = new DoorGate();
        List<DoorGate.Direction> passages = new ArrayList<>();
        for (int i = 0; i < reads; i++) {
            DoorGate.Direction d = gate.read(BOX, i % 2 == 0 ? DoorGate.Side.INSIDE : DoorGate.Side.OUTSIDE, i * 50L);
            if (d != null) {
                passages.add(d);
            }
        }
        assertThat(passages).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void antennasNameABadEntry() {
        Antennas a = new Antennas(new String[] {"shelf-7:1=C07-A", "door:1=gate-inside", "door:2=gate-outside", "shelf-7:2=c07-b-b03"},
                ShelvingLayout.DEMO);
        assertThat(a.place("shelf-7", 2).orElseThrow().column()).isEqualTo(7);
        assertThat(a.place("door", 2).orElseThrow().gate()).isEqualTo(DoorGate.Side.OUTSIDE);
        assertThat(a.place("door", 3)).isEmpty();
        assertThatThrownBy(() -> new Antennas(new String[] {"shelf-7=C07-A"}, ShelvingLayout.DEMO))
                .hasMessage("antennas entry 'shelf-7=C07-A' is not READER:PORT=PLACE, e.g. shelf-7:1=C07-A");
        assertThatThrownBy(() -> new Antennas(new String[] {"r:1=C99-A"}, ShelvingLayout.DEMO))
                .hasMessageContaining("column 99 is not in any range");
        assertThatThrownBy(() -> new Antennas(new String[] {"r:1=aisle"}, ShelvingLayout.DEMO))
                .hasMessageContaining("'aisle' is not a column side");
        assertThatThrownBy(() -> new Antennas(new String[] {"r:1=C07-A", "r:1=C08-A"}, ShelvingLayout.DEMO))
                .hasMessageContaining("given twice");
    }
}
