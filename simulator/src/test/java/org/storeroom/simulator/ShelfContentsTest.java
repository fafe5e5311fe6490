package org.storeroom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.storeroom.simulator.ShelfContents.Face;

class ShelfContentsTest {
    @Test
    void theDemoHoldingsFillEveryFaceOfTheRoomEvenly() {
        ShelfContents s = new ShelfContents();
        s.fillWithDemoHoldings(RoomLayout.DEMO);
        int total = 0;
        for (int c = 1; c <= 45; c++) {
            for (char side : new char[] {'A', 'B'}) {
                int n = s.on(new Face(c, side)).size();
                if (side == 'A' && RoomLayout.DEMO.railIndex(c) == 0) {
                    assertThat(n).as("a fixed column against the wall has no side A").isZero();
                } else {
                    // 9,231 boxes over 85 faces: 108 or 109 each, never more than a face's 432 storage points.
                    assertThat(n).as("C%02d-%c", c, side).isBetween(108, 109);
                }
                total += n;
            }
        }
        assertThat(total).isEqualTo(ShelfContents.DEMO_BOXES);
        assertThat(s.home(ShelfContents.demoBoxEpc(1))).isEqualTo(new Face(1, 'B'));
        assertThat(s.home(ShelfContents.demoBoxEpc(ShelfContents.DEMO_BOXES))).isEqualTo(new Face(45, 'B'));
        assertThat(s.on(new Face(1, 'B')).get(0)).isEqualTo("E28011600000000020000000");
    }

    @Test
    void aBoxCarriedOutLeavesItsShelfAndComesBackToIt() {
        ShelfContents s = new ShelfContents();
        Face f = new Face(7, 'A');
        s.place(f, "e28011600000000000000001");
        s.place(f, "E28011600000000000000002");
        s.takeOff("E28011600000000000000001");
        assertThat(s.on(f)).containsExactly("E28011600000000000000002");
        s.putBack("E28011600000000000000001");
        s.putBack("E28011600000000000000001");
        assertThat(s.on(f)).containsExactlyInAnyOrder("E28011600000000000000001", "E28011600000000000000002");
        s.place(new Face(8, 'B'), "E28011600000000000000002");
        assertThat(s.on(f)).as("placed elsewhere, it belongs there").containsExactly("E28011600000000000000001");
        s.takeOff("E2801160FFFFFFFFFFFFFFFF");
        s.putBack("E2801160FFFFFFFFFFFFFFFF");
        assertThat(s.home("E2801160FFFFFFFFFFFFFFFF")).as("a tag the room never held").isNull();
        assertThatThrownBy(() -> new Face(3, 'C')).hasMessage("side 'C' of column 3 is not A or B");
    }

    @Test
    void theDoorGateTakesABoxOffItsShelfAndPutsItBack() {
        ShelfContents s = new ShelfContents();
        s.fillWithDemoHoldings(RoomLayout.DEMO);
        Face home = s.home(ShelfContents.demoBoxEpc(42));
        try (SimulatedGate gate = new SimulatedGate(0, s)) {
            gate.play(SimulatedGate.parse("carry-out:42@0"));
            assertThat(s.on(home)).doesNotContain(ShelfContents.demoBoxEpc(42));
            gate.play(SimulatedGate.parse("carry-in:42@0"));
            assertThat(s.on(home)).contains(ShelfContents.demoBoxEpc(42));
        }
    }

    @Test
    void theLocationTagsAreTheOnesTheWarehouseReads() {
        assertThat(SimulatedCart.locationTag(new Face(7, 'A'))).isEqualTo("4C4F430000070A0000000000");
        assertThat(SimulatedCart.locationTag(new Face(45, 'B'))).isEqualTo("4C4F430000450B0000000000");
        assertThat(SimulatedCart.antennasConfig()).containsExactly("cart:1=cart", "cart:2=cart");
    }
}
