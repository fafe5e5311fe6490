package org.storeroom.shelf.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.storeroom.gateway.api.CommandResult.Status;
import org.storeroom.shelf.api.RequestHandle;
import org.storeroom.shelf.api.ShelfControl;
import org.storeroom.shelf.api.ShelfMode;

class ModeCommandsTest {
    /** Just the mode, as the coordinator holds it; these commands touch nothing else. */
    private static final class Modes implements ShelfControl {
        ShelfMode mode;
        final List<String> changes = new ArrayList<>();

        Modes(ShelfMode mode) {
            this.mode = mode;
        }

        @Override
        public void setMode(ShelfMode m, String origin) {
            changes.add(m + " by " + origin);
            mode = m;
        }

        @Override
        public ShelfMode mode() {
            return mode;
        }

        @Override
        public RequestHandle openAisle(String range, int aisle, String origin) {
            throw new AssertionError("a mode command opened an aisle");
        }

        @Override
        public RequestHandle ventilate(String range, String origin) {
            throw new AssertionError("a mode command moved columns");
        }

        @Override
        public RequestHandle jog(int column, int targetMm, String origin) {
            throw new AssertionError("a mode command moved a column");
        }

        @Override
        public List<RequestHandle> firePark(String origin) {
            throw new AssertionError("a mode command spread the shelving");
        }

        @Override
        public void resetColumn(int column, String origin) {
            throw new AssertionError("a mode command reset a column");
        }

        @Override
        public void stopAll(String origin) {
            changes.add("stop by " + origin);
        }
    }

    @Test
    void lockAndUnlockFromTheCentralSystem() {
        Modes m = new Modes(ShelfMode.NORMAL);
        assertThat(ModeCommands.lock(m, "c-1", Map.of("reason", "night")).status()).isEqualTo(Status.OK);
        assertThat(m.mode).isEqualTo(ShelfMode.LOCKED);
        assertThat(ModeCommands.lock(m, "c-2", Map.of()).data()).containsEntry("before", "LOCKED");
        assertThat(ModeCommands.unlock(m, "c-3", Map.of()).status()).isEqualTo(Status.OK);
        assertThat(m.mode).isEqualTo(ShelfMode.NORMAL);
        assertThat(m.changes).containsExactly("LOCKED by central:c-1", "NORMAL by central:c-3");
    }

    @Test
    void fireAndMaintenanceBelongToThePeopleInTheRoom() {
        Modes fire = new Modes(ShelfMode.FIRE);
        assertThat(ModeCommands.unlock(fire, "c-1", Map.of()).reason()).contains("FIRE mode");
        assertThat(ModeCommands.lock(fire, "c-2", Map.of()).status()).isEqualTo(Status.REFUSED);
        Modes maintenance = new Modes(ShelfMode.MAINTENANCE);
        assertThat(ModeCommands.unlock(maintenance, "c-3", Map.of()).status()).isEqualTo(Status.REFUSED);
        assertThat(fire.changes).isEmpty();
        assertThat(maintenance.changes).isEmpty();
    }

    @Test
    void unknownOrBadArgumentsAreRefusedByName() {
        Modes m = new Modes(ShelfMode.NORMAL);
        assertThat(ModeCommands.lock(m, "c-1", Map.of("range", "A")).reason()).isEqualTo("argument 'range' is unknown; only 'reason' is taken");
        assertThat(ModeCommands.lock(m, "c-2", Map.of("reason", 7)).reason()).contains("argument 'reason'");
        assertThat(m.changes).isEmpty();
    }
}
