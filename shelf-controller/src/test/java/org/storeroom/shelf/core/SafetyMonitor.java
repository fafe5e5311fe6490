package org.storeroom.shelf.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.storeroom.bus.ColumnState;
import org.storeroom.shelf.api.ShelfMode;
import org.storeroom.shelf.core.CoreState.Kind;

/**
 * Watches the core from outside: mirrors what it was told (inputs) and what it granted (outputs), and
 * after every step reports any broken safety rule. It does not use the core's state, so a core that
 * forgets something it was told is caught.
 */
final class SafetyMonitor {
    private final RoomModel room;
    private final CoreSettings cfg;
    private ShelfMode mode = ShelfMode.NORMAL;
    private final Map<Integer, ColumnState> reports = new HashMap<>();
    private final Map<Integer, Long> heardAt = new HashMap<>();
    private final Map<Integer, Boolean> link = new HashMap<>();
    private final Map<String, boolean[]> occupied = new HashMap<>();
    private final Map<String, boolean[]> beam = new HashMap<>();
    private final Map<Integer, Grant> grants = new HashMap<>();
    /** Accepted requests still running: request id to range, and per range what sort of movement it is. */
    private final Map<String, String> requestRange = new HashMap<>();
    private final Map<String, Kind> rangeRuns = new HashMap<>();
    final Map<String, Long> counts = new HashMap<>();

    /** A movement the core allowed: which gap it closes, until when. */
    record Grant(long commandId, String range, int gap, Kind kind, long until, int targetMm) {
    }

    SafetyMonitor(RoomModel room, CoreSettings cfg) {
        this.room = room;
        this.cfg = cfg;
        for (RangeModel r : room.ranges()) {
            occupied.put(r.id(), new boolean[r.size() + 1]);
            beam.put(r.id(), new boolean[r.size() + 1]);
        }
    }

    /** Checks one step: the input the core got and what it answered. Returns the broken rules. */
    List<String> step(Input in, List<Output> out) {
        List<String> v = new ArrayList<>();
        long now = in.now();
        if (in instanceof Input.Report r) {
            reports.put(r.column(), r.state());
            heardAt.put(r.column(), now);
            link.put(r.column(), true);
            Grant g = grants.get(r.column());
            if (g != null && !r.state().motion().moving() && Math.abs(r.state().positionMm() - g.targetMm()) <= cfg.toleranceMm()) {
                // Arrived: the node's command is complete and a renewal cannot restart it.
                grants.remove(r.column());
            }
        } else if (in instanceof Input.Link l) {
            link.put(l.column(), l.up());
        } else if (in instanceof Input.Aisle a && room.range(a.range()).isPresent() && a.gap() >= 1
                && a.gap() <= room.range(a.range()).get().size()) {
            occupied.get(a.range())[a.gap()] = a.occupied();
            beam.get(a.range())[a.gap()] = a.beamBroken();
        }
        for (Output o : out) {
            count(o.getClass().getSimpleName());
            if (o instanceof Output.ModeChanged m) {
                mode = m.to();
            } else if (o instanceof Output.Accepted a) {
                String range = in instanceof Input.OpenAisle oa ? oa.range()
                        : in instanceof Input.Ventilate ve ? ve.range()
                        : in instanceof Input.FirePark fp ? fp.range()
                        : in instanceof Input.Jog j ? room.rangeOf(j.column()).map(RangeModel::id).orElse("?")
                        : in instanceof Input.Report rp && a.requestId().startsWith("button-")
                                ? room.rangeOf(rp.column()).map(RangeModel::id).orElse("?") : null;
                if (range == null) {
                    v.add("accepted " + a.requestId() + " on input " + in);
                    continue;
                }
                if (rangeRuns.containsKey(range)) {
                    v.add("accepted " + a.requestId() + " while range " + range + " is still serving another request");
                }
                requestRange.put(a.requestId(), range);
                rangeRuns.put(range, in instanceof Input.Jog ? Kind.JOG : in instanceof Input.FirePark ? Kind.FIRE_PARK : Kind.REQUEST);
            } else if (o instanceof Output.Finished f) {
                String range = requestRange.remove(f.requestId());
                rangeRuns.remove(range);
            } else if (o instanceof Output.Aborted ab) {
                String range = requestRange.remove(ab.requestId());
                rangeRuns.remove(range);
            } else if (o instanceof Output.Move m) {
                RangeModel r = room.rangeOf(m.column()).orElseThrow();
                int i = r.indexOf(m.column());
                ColumnState st = reports.get(m.column());
                if (i == 0 || st == null) {
                    v.add("move of column " + m.column() + (i == 0 ? " (fixed)" : " never heard from"));
                    continue;
                }
                if (m.leaseMs() <= 0 || m.leaseMs() > cfg.leaseMs()) {
                    v.add("move of column " + m.column() + " with lease " + m.leaseMs());
                }
                Kind kind = rangeRuns.get(r.id());
                if (kind == null) {
                    v.add("move of column " + m.column() + " while range " + r.id() + " serves no accepted request");
                    continue;
                }
                grants.put(m.column(), new Grant(m.commandId(), r.id(), RangeModel.gapClosedBy(i, m.targetMm() > st.positionMm()),
                        kind, now + m.leaseMs(), m.targetMm()));
                if (kind == Kind.FIRE_PARK) {
                    count("FireParkMove");
                }
            } else if (o instanceof Output.Renew n) {
                Grant g = grants.get(n.column());
                if (g == null || g.commandId() != n.commandId() || g.until() <= now) {
                    v.add("renewal of column " + n.column() + " command " + n.commandId() + " that holds no valid lease");
                } else {
                    grants.put(n.column(), new Grant(g.commandId(), g.range(), g.gap(), g.kind(), now + n.leaseMs(), g.targetMm()));
                }
            } else if (o instanceof Output.Stop s) {
                grants.remove(s.column());
            } else if (o instanceof Output.Reset rs) {
                if (!(in instanceof Input.ResetColumn rc && rc.column() == rs.column())) {
                    v.add("reset of column " + rs.column() + " without anybody asking (input " + in + ")");
                }
            }
        }
        grants.values().removeIf(g -> g.until() <= now);
        Map<String, Integer> perRange = new HashMap<>();
        for (Map.Entry<Integer, Grant> e : grants.entrySet()) {
            Grant g = e.getValue();
            int c = e.getKey();
            if (perRange.merge(g.range(), 1, Integer::sum) > 1) {
                v.add("two columns of range " + g.range() + " hold leases at once");
            }
            Kind allowed = switch (mode) {
                case FIRE -> Kind.FIRE_PARK;
                case MAINTENANCE -> Kind.JOG;
                case NORMAL, VENTILATION -> Kind.REQUEST;
                case LOCKED -> null;
            };
            if (g.kind() != allowed) {
                v.add("column " + c + " holds a lease for a " + g.kind() + " in mode " + mode);
            }
            if (g.kind() == Kind.FIRE_PARK) {
                // A fire park moves only while nobody is anywhere in the range.
                RangeModel r = room.range(g.range()).orElseThrow();
                for (int gap = 1; gap <= r.size(); gap++) {
                    ColumnState f = reports.get(r.columns().get(gap - 1));
                    if (occupied.get(g.range())[gap] || beam.get(g.range())[gap] || f != null && (f.aisleOccupied() || f.aisleBeamBroken())) {
                        v.add("column " + c + " holds a fire-park lease while aisle " + gap + " of range " + g.range() + " is not clear");
                    }
                }
            }
            ColumnState facing = reports.get(room.range(g.range()).orElseThrow().columns().get(g.gap() - 1));
            boolean facingBlocked = facing != null && (facing.aisleOccupied() || facing.aisleBeamBroken());
            if (occupied.get(g.range())[g.gap()] || beam.get(g.range())[g.gap()] || facingBlocked) {
                v.add("column " + c + " holds a lease to close aisle " + g.gap() + " of range " + g.range() + " which is "
                        + (facingBlocked ? "blocked as its column reports" : occupied.get(g.range())[g.gap()] ? "occupied" : "behind a broken beam"));
            }
            for (int other : room.range(g.range()).orElseThrow().columns()) {
                ColumnState st = reports.get(other);
                long age = now - heardAt.getOrDefault(other, Long.MIN_VALUE / 2);
                if (st == null || !link.getOrDefault(other, false) || age > cfg.freshnessMs() || st.latchedStop() != null
                        || !st.faults().isEmpty()) {
                    v.add("column " + c + " holds a lease while column " + other + " of its range is "
                            + (st == null ? "unheard" : !link.getOrDefault(other, false) ? "unlinked"
                            : age > cfg.freshnessMs() ? "stale (" + age + " ms)" : st.latchedStop() != null ? "latched" : "faulty"));
                }
            }
        }
        return v;
    }

    private void count(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    long count(Class<?> type) {
        return counts.getOrDefault(type.getSimpleName(), 0L);
    }
}
