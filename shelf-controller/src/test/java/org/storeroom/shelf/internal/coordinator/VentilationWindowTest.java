package org.storeroom.shelf.internal.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.storeroom.shelf.api.ShelfMode;
import org.storeroom.shelf.internal.coordinator.VentilationWindow.Action;

class VentilationWindowTest {
    private final VentilationWindow night = VentilationWindow.parse("22:00-06:00").orElseThrow();

    @Test
    void startsInsideTheWindowAcrossMidnightAndEndsAfterIt() {
        assertThat(night.decide(LocalTime.of(23, 10), ShelfMode.NORMAL)).hasValue(Action.START);
        assertThat(night.decide(LocalTime.of(2, 0), ShelfMode.NORMAL)).hasValue(Action.START);
        assertThat(night.decide(LocalTime.of(2, 0), ShelfMode.VENTILATION)).isEmpty();
        assertThat(night.decide(LocalTime.of(6, 0), ShelfMode.VENTILATION)).hasValue(Action.END);
        assertThat(night.decide(LocalTime.of(12, 0), ShelfMode.NORMAL)).isEmpty();
    }

    @Test
    void neverOverridesLockMaintenanceOrFire() {
        for (ShelfMode m : new ShelfMode[] {ShelfMode.LOCKED, ShelfMode.MAINTENANCE, ShelfMode.FIRE}) {
            assertThat(night.decide(LocalTime.of(23, 0), m)).as(m.name()).isEmpty();
            assertThat(night.decide(LocalTime.of(12, 0), m)).as(m.name()).isEmpty();
        }
    }

    @Test
    void aDaytimeWindowWorksToo() {
        VentilationWindow lunch = VentilationWindow.parse("12:00-13:30").orElseThrow();
        assertThat(lunch.decide(LocalTime.of(12, 30), ShelfMode.NORMAL)).hasValue(Action.START);
        assertThat(lunch.decide(LocalTime.of(13, 30), ShelfMode.VENTILATION)).hasValue(Action.END);
    }

    @Test
    void blankMeansNoScheduleAndBadTextIsNamed() {
        assertThat(VentilationWindow.parse(" ")).isEmpty();
        assertThatThrownBy(() -> VentilationWindow.parse("22-6")).hasMessage("ventilationWindow '22-6' is not HH:MM-HH:MM, e.g. 22:00-06:00");
        assertThatThrownBy(() -> VentilationWindow.parse("22:00-22:00")).hasMessage("ventilationWindow 22:00-22:00 is empty");
    }
}
