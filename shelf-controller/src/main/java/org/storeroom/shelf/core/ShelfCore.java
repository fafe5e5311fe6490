package org.storeroom.shelf.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.storeroom.bus.ColumnState;
import org.storeroom.bus.Motion;
import org.storeroom.shelf.api.Reason;
import org.storeroom.shelf.api.Refusal;
import org.storeroom.shelf.core.CoreState.Activity;
import org.storeroom.shelf.core.CoreState.AisleId;
import org.storeroom.shelf.core.CoreState.AisleSensors;
import org.storeroom.shelf.core.CoreState.ColumnView;
import org.storeroom.shelf.core.CoreState.Kind;
import org.storeroom.shelf.core.CoreState.Step;

/**
 * The shelving's transition function: {@code (state, input) -> (state, outputs)}.
 *
 * <p>Rules it keeps, whatever the inputs:
 * <ul>
 * <li>a column is granted motion (a move or a renewed lease) only while the mode allows it, every column
 *     of its range is heard, fresh, healthy and not latched, and the aisle it closes is empty with its
 *     entry beam whole; the moment one of these fails, the column is told to stop;</li>
 * <li>in fire mode the only motion is a fire park, and only while every aisle of its range is empty with
 *     its beam whole;</li>
 * <li>one column moves at a time per range, in an order where no column needs space another holds, and
 *     a move's target is clamped to the space its neighbours leave;</li>
 * <li>a latched stop is cleared only by a {@link Input.ResetColumn}, and never resumes a movement.</li>
 * </ul>
 */
public final class ShelfCore {
    /** ROOM.md: a fire park spreads a range only when every gap comes to at least this. */
    public static final int FIRE_PARK_MIN_GAP_MM = 150;

    private final RoomModel room;
    private final CoreSettings cfg;

    public ShelfCore(RoomModel room, CoreSettings cfg) {
        this.room = room;
        this.cfg = cfg;
    }

    /** The next state and what to do. */
    public record Result(CoreState state, List<Output> outputs) {
    }

    public RoomModel room() {
        return room;
    }

    public CoreSettings settings() {
        return cfg;
    }

    public Result handle(CoreState s, Input in) {
        List<Output> out = new ArrayList<>();
        long now = in.now();
        CoreState next = apply(s, in, out);
        return new Result(supervise(next, now, out), out);
    }

    private CoreState apply(CoreState s, Input in, List<Output> out) {
        if (in instanceof Input.Report r) {
            return report(s, r, out);
        } else if (in instanceof Input.Link l) {
            ColumnView v = s.column(l.column());
            return s.columns().containsKey(l.column()) ? s.withColumn(l.column(), new ColumnView(v.state(), v.receivedAt(), l.up())) : s;
        } else if (in instanceof Input.Aisle a) {
            boolean known = room.range(a.range()).filter(r -> a.gap() >= 1 && a.gap() <= r.size()).isPresent();
            return known ? s.withAisle(new AisleId(a.range(), a.gap()), new AisleSensors(a.occupied(), a.beamBroken())) : s;
        } else if (in instanceof Input.OpenAisle o) {
            return openAisle(s, o, out);
        } else if (in instanceof Input.Ventilate v) {
            return ventilate(s, v, out);
        } else if (in instanceof Input.FirePark f) {
            return firePark(s, f, out);
        } else if (in instanceof Input.Jog j) {
            return jog(s, j, out);
        } else if (in instanceof Input.SetMode m) {
            return setMode(s, m, out);
        } else if (in instanceof Input.ResetColumn rc) {
            if (s.columns().containsKey(rc.column())) {
                out.add(new Output.Reset(rc.column()));
            }
            return s;
        } else if (in instanceof Input.MoveRefused mr) {
            for (Map.Entry<String, Activity> e : s.activity().entrySet()) {
                if (e.getValue().commandId() == mr.commandId() && e.getValue().current().column() == mr.column()) {
                    Refusal why = new Refusal(Reason.COLUMN_REFUSED, "column " + mr.column() + ": " + mr.reason());
                    out.add(new Output.Stop(mr.column(), why));
                    out.add(new Output.Aborted(e.getValue().requestId(), why));
                    return s.withActivity(e.getKey(), null);
                }
            }
            return s;
        } else if (in instanceof Input.StopAll sa) {
            Refusal why = new Refusal(Reason.STOP_REQUESTED, "stop all by " + sa.origin());
            CoreState cleared = abortAll(s, why, out);
            for (int c : room.columns()) {
                if (out.stream().noneMatch(o -> o instanceof Output.Stop st && st.column() == c)) {
                    out.add(new Output.Stop(c, why));
                }
            }
            return cleared;
        }
        return s; // Tick: time alone changes nothing but what supervise sees
    }

    private CoreState report(CoreState s, Input.Report r, List<Output> out) {
        if (!s.columns().containsKey(r.column()) || r.state().column() != r.column()) {
            return s;
        }
        ColumnState before = s.column(r.column()).state();
        CoreState next = s.withColumn(r.column(), new ColumnView(r.state(), r.now(), true));
        if (r.state().motion().moving() && !isCurrentStep(next, r.column())) {
            out.add(new Output.Stop(r.column(), new Refusal(Reason.UNEXPECTED_MOTION, "column " + r.column())));
        }
        if (before != null && before.boot() != r.state().boot()) {
            // The node restarted and forgot its movement: whatever it was doing for a request is over.
            for (Map.Entry<String, Activity> e : next.activity().entrySet()) {
                if (e.getValue().current().column() == r.column()) {
                    Refusal why = new Refusal(Reason.COLUMN_RESTARTED, "column " + r.column());
                    out.add(new Output.Stop(r.column(), why));
                    out.add(new Output.Aborted(e.getValue().requestId(), why));
                    next = next.withActivity(e.getKey(), null);
                }
            }
        } else if (before != null) {
            // Someone pressed an aisle button on the column: open the aisle on that face ("press at the
            // aisle you want"). A reboot resets the counters, so only presses within one boot count.
            RangeModel range = room.rangeOf(r.column()).orElseThrow();
            int i = range.indexOf(r.column());
            if (r.state().pressesFront() > before.pressesFront()) {
                next = start(next, range, "button-" + r.column() + "-front-" + r.state().pressesFront(),
                        range.aisleTargets(i + 1), Kind.REQUEST, r.now(), out);
            }
            if (r.state().pressesRear() > before.pressesRear() && i >= 1) {
                next = start(next, range, "button-" + r.column() + "-rear-" + r.state().pressesRear(),
                        range.aisleTargets(i), Kind.REQUEST, r.now(), out);
            }
        }
        return next;
    }

    private boolean isCurrentStep(CoreState s, int column) {
        return s.activity().values().stream().anyMatch(a -> a.current().column() == column);
    }

    /** The range a request names, or empty after refusing the request for naming none. */
    private Optional<RangeModel> knownRange(String range, String requestId, List<Output> out) {
        Optional<RangeModel> r = room.range(range);
        if (r.isEmpty()) {
            out.add(new Output.Refused(requestId, new Refusal(Reason.UNKNOWN_RANGE, "range " + range)));
        }
        return r;
    }

    private CoreState openAisle(CoreState s, Input.OpenAisle o, List<Output> out) {
        Optional<RangeModel> r = knownRange(o.range(), o.requestId(), out);
        if (r.isEmpty()) {
            return s;
        }
        if (o.aisle() < 1 || o.aisle() > r.get().size()) {
            out.add(new Output.Refused(o.requestId(), new Refusal(Reason.UNKNOWN_AISLE,
                    "range " + o.range() + " has aisles 1.." + r.get().size() + ", not " + o.aisle())));
            return s;
        }
        return start(s, r.get(), o.requestId(), r.get().aisleTargets(o.aisle()), Kind.REQUEST, o.now(), out);
    }

    private CoreState ventilate(CoreState s, Input.Ventilate v, List<Output> out) {
        return knownRange(v.range(), v.requestId(), out)
                .map(r -> start(s, r, v.requestId(), r.ventilationTargets(), Kind.REQUEST, v.now(), out))
                .orElse(s);
    }

    private CoreState firePark(CoreState s, Input.FirePark f, List<Output> out) {
        return knownRange(f.range(), f.requestId(), out)
                .map(r -> start(s, r, f.requestId(), r.ventilationTargets(), Kind.FIRE_PARK, f.now(), out))
                .orElse(s);
    }

    /** Plans and starts a request's movement, or refuses it with the first reason found. */
    private CoreState start(CoreState s, RangeModel r, String requestId, int[] targets, Kind kind, long now, List<Output> out) {
        Optional<Refusal> blocked = Interlocks.mode(s.mode(), kind);
        if (blocked.isEmpty() && s.activity().containsKey(r.id())) {
            blocked = Optional.of(new Refusal(Reason.RANGE_BUSY, "range " + r.id() + " is serving " + s.activity().get(r.id()).requestId()));
        }
        if (blocked.isEmpty()) {
            blocked = Interlocks.range(s, r, cfg, now);
        }
        if (blocked.isEmpty() && kind == Kind.FIRE_PARK) {
            blocked = r.aisleMm() / r.size() < FIRE_PARK_MIN_GAP_MM
                    ? Optional.of(new Refusal(Reason.FIRE_PARK_GAPS_TOO_SMALL, "range " + r.id() + ": " + r.size()
                            + " gaps share " + r.aisleMm() + " mm, " + r.aisleMm() / r.size() + " mm each"))
                    : Interlocks.everyGap(s, r);
        }
        if (blocked.isPresent()) {
            out.add(new Output.Refused(requestId, blocked.get()));
            return s;
        }
        int[] pos = positions(s, r);
        if (!Planner.consistent(r, pos, cfg.toleranceMm())) {
            out.add(new Output.Refused(requestId, new Refusal(Reason.COLUMN_FAULT,
                    "range " + r.id() + " reports impossible positions " + java.util.Arrays.toString(pos))));
            return s;
        }
        Optional<List<Step>> plan = Planner.plan(r, pos, targets, cfg.toleranceMm());
        if (plan.isEmpty()) {
            out.add(new Output.Refused(requestId, new Refusal(Reason.COLUMN_FAULT, "range " + r.id() + ": no safe order of moves")));
            return s;
        }
        // Every aisle the plan closes must be clear now; each is checked again as its move runs.
        int[] sim = pos.clone();
        for (Step st : plan.get()) {
            int i = r.indexOf(st.column());
            Optional<Refusal> g = Interlocks.gap(s, r, RangeModel.gapClosedBy(i, st.targetMm() > sim[i]));
            if (g.isPresent()) {
                out.add(new Output.Refused(requestId, g.get()));
                return s;
            }
            sim[i] = st.targetMm();
        }
        out.add(new Output.Accepted(requestId));
        if (plan.get().isEmpty()) {
            out.add(new Output.Finished(requestId));
            return s;
        }
        return begin(s, r, new Activity(requestId, kind, plan.get(), 0, now, now, 0), now, out);
    }

    private CoreState jog(CoreState s, Input.Jog j, List<Output> out) {
        Optional<RangeModel> rr = room.rangeOf(j.column());
        if (rr.isEmpty()) {
            out.add(new Output.Refused(j.requestId(), new Refusal(Reason.UNKNOWN_COLUMN, "column " + j.column())));
            return s;
        }
        RangeModel r = rr.get();
        int i = r.indexOf(j.column());
        Optional<Refusal> blocked = Interlocks.mode(s.mode(), Kind.JOG);
        if (blocked.isEmpty() && i == 0) {
            blocked = Optional.of(new Refusal(Reason.FIXED_COLUMN, "column " + j.column()));
        }
        if (blocked.isEmpty() && !s.activity().isEmpty()) {
            blocked = Optional.of(new Refusal(Reason.RANGE_BUSY, "a jog is already running"));
        }
        if (blocked.isEmpty()) {
            blocked = Interlocks.range(s, r, cfg, j.now());
        }
        if (blocked.isEmpty()) {
            int[] pos = positions(s, r);
            int low = Math.max(r.minPosition(i), pos[i - 1] + r.depthMm());
            int high = Math.min(r.maxPosition(i), Planner.limitAhead(r, pos, i));
            if (j.targetMm() < low || j.targetMm() > high) {
                blocked = Optional.of(new Refusal(Reason.TARGET_OUT_OF_RANGE,
                        "column " + j.column() + " can go " + low + ".." + high + " mm, not " + j.targetMm()));
            } else if (Math.abs(j.targetMm() - pos[i]) <= cfg.toleranceMm()) {
                blocked = Optional.of(new Refusal(Reason.ALREADY_THERE, "column " + j.column() + " at " + pos[i] + " mm"));
            } else {
                blocked = Interlocks.gap(s, r, RangeModel.gapClosedBy(i, j.targetMm() > pos[i]));
            }
        }
        if (blocked.isPresent()) {
            out.add(new Output.Refused(j.requestId(), blocked.get()));
            return s;
        }
        out.add(new Output.Accepted(j.requestId()));
        return begin(s, r, new Activity(j.requestId(), Kind.JOG, List.of(new Step(j.column(), j.targetMm())), 0, j.now(), j.now(), 0),
                j.now(), out);
    }

    private CoreState setMode(CoreState s, Input.SetMode m, List<Output> out) {
        if (m.mode() == s.mode()) {
            return s;
        }
        out.add(new Output.ModeChanged(s.mode(), m.mode(), m.origin()));
        Refusal why = switch (m.mode()) {
            case FIRE -> new Refusal(Reason.FIRE_MODE, "mode FIRE by " + m.origin());
            case LOCKED -> new Refusal(Reason.LOCKED, "mode LOCKED by " + m.origin());
            case MAINTENANCE -> new Refusal(Reason.MAINTENANCE, "mode MAINTENANCE by " + m.origin());
            default -> new Refusal(Reason.STOP_REQUESTED, "mode " + m.mode() + " by " + m.origin());
        };
        // Any change of mode ends what was under way: a new mode starts from standstill.
        return abortAll(s, why, out).withMode(m.mode());
    }

    private CoreState abortAll(CoreState s, Refusal why, List<Output> out) {
        CoreState next = s;
        for (Map.Entry<String, Activity> e : s.activity().entrySet()) {
            out.add(new Output.Stop(e.getValue().current().column(), why));
            out.add(new Output.Aborted(e.getValue().requestId(), why));
            next = next.withActivity(e.getKey(), null);
        }
        return next;
    }

    /**
     * Starts the first step of an activity that still has something to do: each move's target is clamped
     * to the space the neighbours really leave, and a step already within tolerance is skipped without a
     * command, so no column is sent a move it cannot make and only one column of a range holds a lease.
     */
    private CoreState begin(CoreState s, RangeModel r, Activity a, long now, List<Output> out) {
        int[] pos = positions(s, r);
        List<Step> steps = new ArrayList<>(a.steps());
        while (!steps.isEmpty()) {
            Step step = steps.get(0);
            int i = r.indexOf(step.column());
            int target = step.targetMm() > pos[i]
                    ? Math.min(step.targetMm(), Planner.limitAhead(r, pos, i))
                    : Math.max(step.targetMm(), pos[i - 1] + r.depthMm());
            if (Math.abs(target - pos[i]) <= cfg.toleranceMm()) {
                steps.remove(0);
                continue;
            }
            Optional<Refusal> blocked = Interlocks.step(s, r, cfg, step.column(), pos[i], target, a.kind(), now);
            if (blocked.isPresent()) {
                out.add(new Output.Aborted(a.requestId(), blocked.get()));
                return s.withActivity(r.id(), null);
            }
            long id = s.nextCommandId();
            steps.set(0, new Step(step.column(), target));
            out.add(new Output.Move(step.column(), target, id, cfg.leaseMs()));
            return s.withNextCommandId(id + 1)
                    .withActivity(r.id(), new Activity(a.requestId(), a.kind(), steps, id, now, now, pos[i]));
        }
        out.add(new Output.Finished(a.requestId()));
        return s.withActivity(r.id(), null);
    }

    /** Keeps every running movement honest: stop on any failed interlock, advance on arrival, renew leases. */
    private CoreState supervise(CoreState s, long now, List<Output> out) {
        CoreState next = s;
        for (Map.Entry<String, Activity> e : s.activity().entrySet()) {
            RangeModel r = room.range(e.getKey()).orElseThrow();
            Activity a = e.getValue();
            Step step = a.current();
            Optional<Refusal> blocked = Interlocks.step(next, r, cfg, step.column(), a.startMm(), step.targetMm(), a.kind(), now);
            ColumnState st = next.column(step.column()).state();
            if (blocked.isEmpty()) {
                // An aisle a later step must close became blocked: the request cannot finish, so stop now
                // rather than move columns for nothing.
                int[] pos = positions(next, r);
                for (Step later : a.steps().subList(1, a.steps().size())) {
                    int i = r.indexOf(later.column());
                    blocked = Interlocks.gap(next, r, RangeModel.gapClosedBy(i, later.targetMm() > pos[i]));
                    if (blocked.isPresent()) {
                        break;
                    }
                }
            }
            if (blocked.isEmpty() && now - a.startedAt() > cfg.stepTimeoutMs(step.targetMm() - a.startMm())) {
                blocked = Optional.of(new Refusal(Reason.NOT_ARRIVED, "column " + step.column() + " did not reach "
                        + step.targetMm() + " mm within " + (now - a.startedAt()) + " ms"));
            }
            if (blocked.isPresent()) {
                out.add(new Output.Stop(step.column(), blocked.get()));
                out.add(new Output.Aborted(a.requestId(), blocked.get()));
                next = next.withActivity(r.id(), null);
            } else if (st != null && st.motion() == Motion.STOPPED && next.column(step.column()).receivedAt() > a.startedAt()
                    && Math.abs(st.positionMm() - step.targetMm()) <= cfg.toleranceMm()) {
                if (a.steps().size() == 1) {
                    out.add(new Output.Finished(a.requestId()));
                    next = next.withActivity(r.id(), null);
                } else {
                    next = begin(next, r, new Activity(a.requestId(), a.kind(), a.steps().subList(1, a.steps().size()),
                            0, now, now, 0), now, out);
                }
            } else if (now - a.renewedAt() >= cfg.renewEveryMs()) {
                out.add(new Output.Renew(step.column(), a.commandId(), cfg.leaseMs()));
                next = next.withActivity(r.id(), new Activity(a.requestId(), a.kind(), a.steps(), a.commandId(),
                        a.startedAt(), now, a.startMm()));
            }
        }
        return next;
    }

    /** Positions of a range's columns by rail index as last reported (the fixed column at 0). */
    public static int[] positions(CoreState s, RangeModel r) {
        int[] pos = new int[r.size()];
        for (int i = 1; i < r.size(); i++) {
            ColumnState st = s.column(r.columns().get(i)).state();
            pos[i] = st == null ? r.minPosition(i) : st.positionMm();
        }
        return pos;
    }
}
