package org.storeroom.shelf.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.storeroom.bus.ColumnState;
import org.storeroom.bus.Motion;

/**
 * A simple physical room for driving the core in tests: carriages that move only under a valid lease,
 * stop by themselves when it runs out, refuse to move while latched, and lose commands when their link
 * is down, as the column firmware does.
 */
final class RoomWorld {
    static final double SPEED_MM_PER_MS = 0.1; // 6 m/min

    final RoomModel room;
    final Map<Integer, Carriage> carriages = new HashMap<>();
    long now;

    static final class Carriage {
        final int column;
        double pos;
        Integer target;
        long commandId = -1;
        long leaseUntil;
        String latched;
        boolean fault;
        boolean reachable = true;
        long boot = 1;
        long seq;
        long pressesFront;
        long pressesRear;
        boolean aisleOccupied;
        boolean aisleBeamBroken;

        Carriage(int column, double pos) {
            this.column = column;
            this.pos = pos;
        }

        boolean moving(long now) {
            return target != null && now < leaseUntil && latched == null;
        }
    }

    RoomWorld(RoomModel room, long now) {
        this.room = room;
        this.now = now;
        for (RangeModel r : room.ranges()) {
            for (int i = 0; i < r.size(); i++) {
                carriages.put(r.columns().get(i), new Carriage(r.columns().get(i), r.minPosition(i)));
            }
        }
    }

    /** Lets {@code dtMs} pass: carriages under a valid lease move towards their targets. */
    void advance(long dtMs) {
        long end = now + dtMs;
        for (Carriage c : carriages.values()) {
            if (c.target == null || c.latched != null) {
                continue;
            }
            long until = Math.min(end, c.leaseUntil);
            if (until > now) {
                double step = SPEED_MM_PER_MS * (until - now);
                double d = c.target - c.pos;
                if (Math.abs(d) <= step) {
                    c.pos = c.target;
                    c.target = null;
                } else {
                    c.pos += Math.signum(d) * step;
                }
                c.seq++;
            }
            if (c.target != null && c.leaseUntil <= end) {
                c.target = null; // lease ran out: the firmware stops by itself
                c.seq++;
            }
        }
        now = end;
    }

    void apply(Output o, int leaseMs) {
        if (o instanceof Output.Move m) {
            Carriage c = carriages.get(m.column());
            if (c.reachable && c.latched == null) {
                c.target = m.targetMm();
                c.commandId = m.commandId();
                c.leaseUntil = now + m.leaseMs();
                c.seq++;
            }
        } else if (o instanceof Output.Renew n) {
            Carriage c = carriages.get(n.column());
            if (c.reachable && c.target != null && c.commandId == n.commandId()) {
                c.leaseUntil = now + n.leaseMs();
            }
        } else if (o instanceof Output.Stop s) {
            Carriage c = carriages.get(s.column());
            if (c.reachable && c.target != null) {
                c.target = null;
                c.seq++;
            }
        } else if (o instanceof Output.Reset r) {
            Carriage c = carriages.get(r.column());
            if (c.reachable && c.latched != null) {
                c.latched = null;
                c.seq++;
            }
        }
    }

    ColumnState report(int column) {
        Carriage c = carriages.get(column);
        boolean moving = c.moving(now);
        Motion m = !moving ? Motion.STOPPED : c.target > c.pos ? Motion.MOVING_FORWARD : Motion.MOVING_BACKWARD;
        return new ColumnState(column, "world", c.boot, c.seq, (int) Math.round(c.pos), moving ? c.target : null, m,
                false, false, false, c.latched, moving ? (int) Math.min(60_000, c.leaseUntil - now) : 0,
                c.fault ? List.of("motor overcurrent") : List.of(), c.pressesFront, c.pressesRear, c.aisleOccupied, c.aisleBeamBroken);
    }

    /** Physical violations: carriages overlapping or off their rail. */
    List<String> physicalViolations() {
        List<String> v = new ArrayList<>();
        for (RangeModel r : room.ranges()) {
            for (int i = 1; i < r.size(); i++) {
                double p = carriages.get(r.columns().get(i)).pos;
                double before = carriages.get(r.columns().get(i - 1)).pos;
                if (p - before < r.depthMm() - 0.5) {
                    v.add("range " + r.id() + ": column " + r.columns().get(i) + " at " + p + " overlaps column "
                            + r.columns().get(i - 1) + " at " + before);
                }
                if (p < r.minPosition(i) - 0.5 || p > r.maxPosition(i) + 0.5) {
                    v.add("column " + r.columns().get(i) + " off its rail at " + p);
                }
            }
        }
        return v;
    }
}
