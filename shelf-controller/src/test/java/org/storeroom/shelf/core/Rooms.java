package org.storeroom.shelf.core;

import java.util.List;
import org.storeroom.bus.ColumnState;
import org.storeroom.bus.Motion;

/** Test helpers: healthy column reports and a core fed with them. */
final class Rooms {
    private Rooms() {
    }

    static ColumnState state(int column, int positionMm, Motion motion, String latched, List<String> faults) {
        return new ColumnState(column, "test", 1, 0, positionMm, null, motion, false, false, false, latched,
                motion.moving() ? 300 : 0, faults, 0, 0, false, false);
    }

    static ColumnState still(int column, int positionMm) {
        return state(column, positionMm, Motion.STOPPED, null, List.of());
    }

    /** Every column of the room reported healthy and parked (all packed, the end gap open), at {@code now}. */
    static CoreState parked(ShelfCore core, long now) {
        CoreState s = CoreState.initial(core.room());
        for (RangeModel r : core.room().ranges()) {
            for (int i = 0; i < r.size(); i++) {
                s = core.handle(s, new Input.Report(r.columns().get(i), still(r.columns().get(i), r.minPosition(i)), now)).state();
            }
        }
        return s;
    }
}
