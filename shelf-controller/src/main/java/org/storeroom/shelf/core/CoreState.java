package org.storeroom.shelf.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.storeroom.bus.ColumnState;
import org.storeroom.shelf.api.ShelfMode;

/**
 * Everything the core knows, as an immutable value: the mode, the last report and link of every column,
 * every aisle's sensors, and what each range is doing.
 *
 * @param mode      operating mode
 * @param columns   per column: last report (or none), when it came, whether the link is up
 * @param aisles    per range and gap: presence and entry beam
 * @param activity  per range: the movement under way, if any
 * @param nextCommandId the id the next movement gets; never reused
 */
public record CoreState(ShelfMode mode, Map<Integer, ColumnView> columns, Map<AisleId, AisleSensors> aisles,
        Map<String, Activity> activity, long nextCommandId) {

    public CoreState {
        columns = Map.copyOf(columns);
        aisles = Map.copyOf(aisles);
        activity = Map.copyOf(activity);
    }

    /** A room where nothing has been heard yet: every column unknown, every aisle clear. */
    public static CoreState initial(RoomModel room) {
        Map<Integer, ColumnView> cols = new HashMap<>();
        for (int c : room.columns()) {
            cols.put(c, ColumnView.UNKNOWN);
        }
        return new CoreState(ShelfMode.NORMAL, cols, Map.of(), Map.of(), 1);
    }

    /**
     * What the core knows of one column.
     *
     * @param state      last report, or {@code null} before the first
     * @param receivedAt when it came
     * @param linkUp     whether the bus reaches the node
     */
    public record ColumnView(ColumnState state, long receivedAt, boolean linkUp) {
        static final ColumnView UNKNOWN = new ColumnView(null, Long.MIN_VALUE / 2, false);
    }

    /** One gap of one range. */
    public record AisleId(String range, int gap) {
    }

    /** An aisle's sensors: somebody inside, the entry light beam broken. */
    public record AisleSensors(boolean occupied, boolean beamBroken) {
        static final AisleSensors CLEAR = new AisleSensors(false, false);
    }

    /**
     * A range's movement under way: one column at a time.
     *
     * @param requestId     who asked
     * @param kind          what sort of movement, which decides the modes it may run in
     * @param steps         remaining moves, the current first
     * @param commandId     the current move's id
     * @param startedAt     when the current move was sent
     * @param renewedAt     when its lease was last granted
     * @param startMm       where the current column was when it started
     */
    public record Activity(String requestId, Kind kind, List<Step> steps, long commandId, long startedAt, long renewedAt,
            int startMm) {
        public Activity {
            steps = List.copyOf(steps);
        }

        Step current() {
            return steps.get(0);
        }
    }

    /** What sort of movement an activity is: each is allowed in its own modes (see {@code Interlocks.mode}). */
    public enum Kind {
        /** Opening an aisle or spreading for ventilation: normal and ventilation modes. */
        REQUEST,
        /** A technician moving one column: maintenance mode only. */
        JOG,
        /** Spreading a range to even gaps in a fire, so extinguishing gas reaches every face: fire mode only. */
        FIRE_PARK
    }

    /** Move one column to a target. */
    public record Step(int column, int targetMm) {
    }

    /** @return the sensors of gap {@code gap} of a range, clear when never reported */
    public AisleSensors aisle(String range, int gap) {
        return aisles.getOrDefault(new AisleId(range, gap), AisleSensors.CLEAR);
    }

    /** @return what is known of column {@code c}, with no state when nothing was heard */
    public ColumnView column(int c) {
        return columns.getOrDefault(c, ColumnView.UNKNOWN);
    }

    CoreState withMode(ShelfMode m) {
        return new CoreState(m, columns, aisles, activity, nextCommandId);
    }

    CoreState withColumn(int c, ColumnView v) {
        Map<Integer, ColumnView> m = new HashMap<>(columns);
        m.put(c, v);
        return new CoreState(mode, m, aisles, activity, nextCommandId);
    }

    CoreState withAisle(AisleId id, AisleSensors s) {
        Map<AisleId, AisleSensors> m = new HashMap<>(aisles);
        m.put(id, s);
        return new CoreState(mode, columns, m, activity, nextCommandId);
    }

    CoreState withActivity(String range, Activity a) {
        Map<String, Activity> m = new HashMap<>(activity);
        if (a == null) {
            m.remove(range);
        } else {
            m.put(range, a);
        }
        return new CoreState(mode, columns, aisles, m, nextCommandId);
    }

    CoreState withNextCommandId(long id) {
        return new CoreState(mode, columns, aisles, activity, id);
    }
}
