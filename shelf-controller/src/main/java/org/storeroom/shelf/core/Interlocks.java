package org.storeroom.shelf.core;

import java.util.Optional;
import org.storeroom.bus.ColumnState;
import org.storeroom.shelf.api.Reason;
import org.storeroom.shelf.api.Refusal;
import org.storeroom.shelf.api.ShelfMode;
import org.storeroom.shelf.core.CoreState.AisleSensors;
import org.storeroom.shelf.core.CoreState.ColumnView;
import org.storeroom.shelf.core.CoreState.Kind;

/**
 * The conditions under which a column may move, checked before a movement starts and on every input
 * while it runs. The first failing condition is returned, so the panel can say why.
 */
final class Interlocks {
    private Interlocks() {
    }

    /**
     * The mode allows this kind of movement: requests in normal and ventilation modes, a jog only in
     * maintenance, a fire park only in fire mode, and nothing at all when locked.
     */
    static Optional<Refusal> mode(ShelfMode mode, Kind kind) {
        return switch (mode) {
            case FIRE -> kind == Kind.FIRE_PARK ? Optional.empty() : Optional.of(new Refusal(Reason.FIRE_MODE, "mode FIRE"));
            case LOCKED -> Optional.of(new Refusal(Reason.LOCKED, "mode LOCKED"));
            case MAINTENANCE -> kind == Kind.JOG ? Optional.empty() : Optional.of(new Refusal(Reason.MAINTENANCE, "mode MAINTENANCE"));
            case NORMAL, VENTILATION -> switch (kind) {
                case REQUEST -> Optional.empty();
                case JOG -> Optional.of(new Refusal(Reason.NOT_IN_MAINTENANCE, "mode " + mode));
                case FIRE_PARK -> Optional.of(new Refusal(Reason.NOT_IN_FIRE, "mode " + mode));
            };
        };
    }

    /**
     * Every column of the range is heard, fresh, healthy and not latched: after an obstruction the
     * whole range stays stopped until someone resets it.
     */
    static Optional<Refusal> range(CoreState s, RangeModel r, CoreSettings cfg, long now) {
        for (int c : r.columns()) {
            ColumnView v = s.column(c);
            ColumnState st = v.state();
            if (st == null) {
                return Optional.of(new Refusal(Reason.NO_STATE, "column " + c));
            }
            if (!v.linkUp()) {
                return Optional.of(new Refusal(Reason.LINK_LOST, "column " + c));
            }
            long age = now - v.receivedAt();
            if (age > cfg.freshnessMs()) {
                return Optional.of(new Refusal(Reason.STALE_STATE, "column " + c + ", last heard " + age + " ms ago"));
            }
            if (st.latchedStop() != null) {
                return Optional.of(new Refusal(Reason.LATCHED_STOP, "column " + c + ": " + st.latchedStop()));
            }
            if (st.emergencyStop() || st.obstructionFront() || st.obstructionRear()) {
                return Optional.of(new Refusal(Reason.OBSTRUCTION, "column " + c));
            }
            if (!st.faults().isEmpty()) {
                return Optional.of(new Refusal(Reason.COLUMN_FAULT, "column " + c + ": " + st.faults().get(0)));
            }
        }
        return Optional.empty();
    }

    /**
     * The gap a column closes is empty and its entry beam whole. Two sources may know: aisle sensor inputs,
     * and the board of the column facing the gap (index gap - 1), which reports its aisle's sensors; the
     * gap is blocked if either says so, so a clear reading from one never hides the other's.
     */
    static Optional<Refusal> gap(CoreState s, RangeModel r, int gap) {
        AisleSensors a = s.aisle(r.id(), gap);
        ColumnState facing = s.column(r.columns().get(gap - 1)).state();
        boolean occupied = a.occupied() || facing != null && facing.aisleOccupied();
        boolean beam = a.beamBroken() || facing != null && facing.aisleBeamBroken();
        if (occupied) {
            return Optional.of(new Refusal(Reason.AISLE_OCCUPIED, "range " + r.id() + " aisle " + gap));
        }
        if (beam) {
            return Optional.of(new Refusal(Reason.ENTRY_BEAM_BROKEN, "range " + r.id() + " aisle " + gap));
        }
        return Optional.empty();
    }

    /**
     * In a fire nobody may be anywhere in a range that spreads: every gap of it is empty with its beam
     * whole, not only the one the moving column closes (people may be leaving along any aisle).
     */
    static Optional<Refusal> everyGap(CoreState s, RangeModel r) {
        for (int g = 1; g <= r.size(); g++) {
            Optional<Refusal> blocked = gap(s, r, g);
            if (blocked.isPresent()) {
                return blocked;
            }
        }
        return Optional.empty();
    }

    /** Everything for one column moving from {@code fromMm} to {@code targetMm}. */
    static Optional<Refusal> step(CoreState s, RangeModel r, CoreSettings cfg, int column, int fromMm, int targetMm,
            Kind kind, long now) {
        Optional<Refusal> m = mode(s.mode(), kind);
        if (m.isPresent()) {
            return m;
        }
        Optional<Refusal> rr = range(s, r, cfg, now);
        if (rr.isPresent()) {
            return rr;
        }
        if (kind == Kind.FIRE_PARK) {
            return everyGap(s, r);
        }
        return gap(s, r, RangeModel.gapClosedBy(r.indexOf(column), targetMm > fromMm));
    }
}
