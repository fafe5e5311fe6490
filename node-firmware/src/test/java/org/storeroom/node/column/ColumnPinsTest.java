package org.storeroom.node.column;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ColumnPinsTest {
    @Test
    void shouldRefuseALineAssignedTwice() {
        assertThatThrownBy(() -> new ColumnPins(5, 5, 13, 20, 21, 19, 26, 16, 12)).hasMessage("GPIO line 5 is assigned twice");
    }

    @Test
    void shouldRefuseALineOutsideTheHeader() {
        assertThatThrownBy(() -> new ColumnPins(5, 6, 40, 20, 21, 19, 26, 16, 12)).hasMessage("GPIO line 40 is outside 0..27");
    }
}
